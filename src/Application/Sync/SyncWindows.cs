using VapiAgents.Application.Common.Time;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Sync;

/// <summary>Turns a sync request into its window: explicit dates or instants (range), or the incremental window.</summary>
public static class SyncWindows
{
    /// <summary>A date is the whole local day (an end date is inclusive); an instant is itself (an end instant is included).</summary>
    public static bool TryParseBound(string? text, TimeZoneInfo zone, bool isEnd, out DateTime instant)
    {
        if (ZonedCalendar.TryParseDate(text, out var date))
        {
            instant = ZonedCalendar.StartOfDayUtc(isEnd ? date.AddDays(1) : date, zone);
            return true;
        }

        if (ZonedCalendar.TryParseInstant(text, out instant))
        {
            instant = isEnd ? instant.AddMilliseconds(1) : instant;
            return true;
        }

        return false;
    }

    /// <summary>The created-at window of a range sync; an end in the future is clamped to now.</summary>
    public static (DateTime Start, DateTime End) Range(string? startText, string? endText, TimeZoneInfo zone, DateTime now, SyncOptions options)
    {
        var start = startText is null ? now.AddDays(-options.InitialLookbackDays) : Bound(startText, zone, isEnd: false);
        var end = endText is null ? now : Bound(endText, zone, isEnd: true);
        end = end > now ? now : end;
        return (Truncate(start), Truncate(end < start ? start : end));
    }

    /// <summary>The updated-at window of an incremental sync: from the high-water mark (less a margin) to now.</summary>
    public static (DateTime Start, DateTime End) Incremental(VapiAgent agent, DateTime now, SyncOptions options)
    {
        var from = agent.SyncHighWaterMark?.AddMinutes(-options.SafetyMarginMinutes) ?? now.AddDays(-options.InitialLookbackDays);
        // The window ends after the current millisecond, so a call updated in it is not left for the next run.
        return (Truncate(from), Truncate(now).AddMilliseconds(1));
    }

    public static SyncMode ModeFor(string? startDate, string? endDate) =>
        startDate is null && endDate is null ? SyncMode.Incremental : SyncMode.Range;

    private static DateTime Bound(string text, TimeZoneInfo zone, bool isEnd) =>
        TryParseBound(text, zone, isEnd, out var instant) ? instant : throw new FormatException($"'{text}' is not a date or an instant.");

    // Vapi compares at millisecond precision.
    private static DateTime Truncate(DateTime instant) =>
        new(instant.Ticks - instant.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
