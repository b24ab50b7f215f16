using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Common.Interfaces;

namespace VapiAgents.Application.Common.Behaviours;

/// <summary>Warns when a use case takes longer than <see cref="PerformanceOptions.SlowRequestThresholdMs"/>.</summary>
public sealed class PerformanceBehaviour<TMessage, TResponse>(
    ILogger<PerformanceBehaviour<TMessage, TResponse>> logger,
    IOptions<PerformanceOptions> options,
    ICurrentUser currentUser) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);

        if (elapsed.TotalMilliseconds > options.Value.SlowRequestThresholdMs)
        {
            logger.LogWarning(
                "Slow use case {MessageName}: {ElapsedMs} ms for user {UserId}",
                typeof(TMessage).Name, (long)elapsed.TotalMilliseconds, currentUser.UserId ?? "(system)");
        }

        return response;
    }
}

public sealed class PerformanceOptions
{
    public const string Section = "Performance";

    /// <summary>Use cases slower than this are logged as warnings.</summary>
    public int SlowRequestThresholdMs { get; set; } = 500;
}
