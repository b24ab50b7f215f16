using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Common.Behaviours;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;

namespace VapiAgents.Application.UnitTests.Common;

public sealed class BehaviourTests
{
    public sealed record RenameThing(string DisplayName, int SortOrder) : ICommand<string>;

    private sealed class RenameThingValidator : AbstractValidator<RenameThing>
    {
        public RenameThingValidator()
        {
            RuleFor(c => c.DisplayName).NotEmpty().WithMessage("is required").MaximumLength(3).WithMessage("too long");
            RuleFor(c => c.SortOrder).GreaterThan(0).WithMessage("must be positive");
        }
    }

    private static ValueTask<string> Handler(RenameThing message, CancellationToken _) => new("handled");

    [Fact]
    public async Task Validation_ReportsEveryFailure_ByCamelCaseField_AndNeverReachesTheHandler()
    {
        var behaviour = new ValidationBehaviour<RenameThing, string>([new RenameThingValidator()]);
        var reached = false;

        var act = async () => await behaviour.Handle(new RenameThing("", 0), (m, ct) => { reached = true; return Handler(m, ct); }, default);

        var errors = (await act.Should().ThrowAsync<RequestValidationException>()).Which.Errors;
        errors.Keys.Should().BeEquivalentTo("displayName", "sortOrder");
        errors["displayName"].Should().Equal("is required");
        reached.Should().BeFalse();
    }

    [Fact]
    public async Task Validation_PassesValidMessagesOn()
    {
        var behaviour = new ValidationBehaviour<RenameThing, string>([new RenameThingValidator()]);

        (await behaviour.Handle(new RenameThing("abc", 1), Handler, default)).Should().Be("handled");
    }

    [Fact]
    public async Task Performance_WarnsAboveTheThreshold_Only()
    {
        var logger = new ListLogger<PerformanceBehaviour<RenameThing, string>>();
        var behaviour = new PerformanceBehaviour<RenameThing, string>(
            logger, Options.Create(new PerformanceOptions { SlowRequestThresholdMs = 30 }), new NoUser());

        await behaviour.Handle(new RenameThing("a", 1), Handler, default);
        logger.Entries.Should().BeEmpty();

        await behaviour.Handle(new RenameThing("a", 1), async (m, ct) => { await Task.Delay(60, ct); return "slow"; }, default);
        logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning && e.Message.Contains("RenameThing"));
    }

    [Fact]
    public async Task Logging_NeverWritesTheMessageContents()
    {
        var logger = new ListLogger<LoggingBehaviour<RenameThing, string>>();
        var behaviour = new LoggingBehaviour<RenameThing, string>(logger, new NoUser());

        await behaviour.Handle(new RenameThing("secret-looking-value", 1), Handler, default);

        logger.Entries.Should().NotBeEmpty().And.OnlyContain(e => !e.Message.Contains("secret-looking-value"));
    }

    [Theory]
    [InlineData("Name", "name")]
    [InlineData("Window.StartDate", "window.startDate")]
    [InlineData("apiKey", "apiKey")]
    [InlineData("", "")]
    public void FieldNames_AreCamelCasedPerSegment(string path, string expected) =>
        FieldNames.ToCamelCase(path).Should().Be(expected);

    private sealed class NoUser : ICurrentUser
    {
        public string? UserId => null;

        public bool IsAdmin => false;

        public string? IpAddress => null;
    }
}

internal sealed class ListLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((logLevel, formatter(state, exception)));
}
