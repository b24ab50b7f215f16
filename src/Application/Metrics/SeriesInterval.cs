using FluentValidation;

namespace VapiAgents.Application.Metrics;

/// <summary>The grains a usage series is cut at: local wall-clock hours, local days, ISO weeks, calendar months.</summary>
public static class SeriesInterval
{
    public const string Hour = "hour";
    public const string Day = "day";
    public const string Week = "week";
    public const string Month = "month";

    /// <summary>Hours over longer ranges would be thousands of points no chart can show (and a heavy read).</summary>
    public const int MaxHourDays = 31;

    public static bool IsKnown(string? interval) => interval is null or Hour or Day or Week or Month;

    /// <summary>
    /// The interval rules every series-answering query shares: a known grain, and hours only over a month or less
    /// (a range left to its defaults is at most 30 days, so only an explicit one can be too long).
    /// </summary>
    public static void AddIntervalRules<T>(this AbstractValidator<T> validator, Func<T, string?> interval, Func<T, MetricsFilter> filter, params string[] allowed)
    {
        validator.RuleFor(m => interval(m)).Must(i => i is null || allowed.Contains(i)).OverridePropertyName("interval")
            .WithMessage($"interval must be {string.Join(", ", allowed[..^1])} or {allowed[^1]}.");
        validator.RuleFor(m => m).Must(m => HourRangeFits(filter(m))).OverridePropertyName("interval")
            .When(m => interval(m) == Hour)
            .WithMessage($"interval=hour covers at most {MaxHourDays} days; choose a shorter range or a coarser interval.");
    }

    private static bool HourRangeFits(MetricsFilter filter)
    {
        if (!Common.Time.ZonedCalendar.TryParseDate(filter.StartDate, out var start) || !Common.Time.ZonedCalendar.TryParseDate(filter.EndDate, out var end))
        {
            return true;
        }

        return end.DayNumber - start.DayNumber + 1 <= MaxHourDays;
    }
}
