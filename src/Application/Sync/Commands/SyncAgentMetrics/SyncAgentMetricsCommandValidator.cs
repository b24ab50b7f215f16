using FluentValidation;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Common.Time;

namespace VapiAgents.Application.Sync.Commands.SyncAgentMetrics;

public sealed class SyncAgentMetricsCommandValidator : AbstractValidator<SyncAgentMetricsCommand>
{
    public SyncAgentMetricsCommandValidator(IOptions<SyncOptions> options, TimeProvider clock)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.AgentId).NotEmpty().WithMessage("agentId is required.");
        RuleFor(c => c.Timezone).Must(zone => ZonedCalendar.TryFindZone(zone, out _))
            .WithMessage("timezone must be an IANA time zone such as Europe/Berlin or America/New_York.");
        RuleFor(c => c.StartDate).Must(BeABound).When(c => c.StartDate is not null)
            .WithMessage("startDate must be a date (YYYY-MM-DD) or an ISO 8601 instant.");
        RuleFor(c => c.EndDate).Must(BeABound).When(c => c.EndDate is not null)
            .WithMessage("endDate must be a date (YYYY-MM-DD) or an ISO 8601 instant.");

        When(c => c.StartDate is not null && c.EndDate is not null && BeABound(c.StartDate) && BeABound(c.EndDate), () =>
        {
            RuleFor(c => c).Must(c => Window(c).Start < Window(c).End).OverridePropertyName("startDate")
                .WithMessage("startDate must not be after endDate.");
            RuleFor(c => c).Must(c => Window(c).End - Window(c).Start <= TimeSpan.FromDays(options.Value.MaxRangeDays))
                .OverridePropertyName("endDate")
                .WithMessage($"A sync covers at most {options.Value.MaxRangeDays} days.");
        });

        // One date alone: the other is now (or the usual look-back), and the longest sync holds all the same.
        RuleFor(c => c).Must(c => Reaches(c, clock, options.Value) <= TimeSpan.FromDays(options.Value.MaxRangeDays))
            .OverridePropertyName("startDate")
            .When(c => c.StartDate is not null && c.EndDate is null && BeABound(c.StartDate) && ZonedCalendar.TryFindZone(c.Timezone, out _))
            .WithMessage($"A sync covers at most {options.Value.MaxRangeDays} days.");

        // A start in the future leaves nothing to read.
        RuleFor(c => c).Must(c => Window(c).Start < clock.GetUtcNow().UtcDateTime).OverridePropertyName("startDate")
            .When(c => c.StartDate is not null && BeABound(c.StartDate) && ZonedCalendar.TryFindZone(c.Timezone, out _))
            .WithMessage("startDate is in the future.");
    }

    private static bool BeABound(string? text) => SyncWindows.TryParseBound(text, TimeZoneInfo.Utc, false, out _);

    private static TimeSpan Reaches(SyncAgentMetricsCommand c, TimeProvider clock, SyncOptions options)
    {
        ZonedCalendar.TryFindZone(c.Timezone, out var zone);
        var (start, end) = SyncWindows.Range(c.StartDate, c.EndDate, zone, clock.GetUtcNow().UtcDateTime, options);
        return end - start;
    }

    private static (DateTime Start, DateTime End) Window(SyncAgentMetricsCommand c)
    {
        ZonedCalendar.TryFindZone(c.Timezone, out var zone);
        SyncWindows.TryParseBound(c.StartDate, zone, isEnd: false, out var start);
        SyncWindows.TryParseBound(c.EndDate, zone, isEnd: true, out var end);
        return (start, end);
    }
}
