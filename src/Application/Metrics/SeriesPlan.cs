using VapiAgents.Application.Common.Time;

namespace VapiAgents.Application.Metrics;

/// <summary>
/// Cuts a range of local days into the buckets of a series. Hours are local wall-clock hours: a bucket changes
/// wherever the local hour or the offset changes, so a spring-forward day has 23 of them and a fall-back day 25
/// (the repeated hour once per offset), in any zone (:30 and :45 offsets, 30-minute DST) alike. Days, ISO weeks
/// and calendar months start at their first local instant; the first and last are clipped to the range.
/// </summary>
public static class SeriesPlan
{
    /// <summary>Every zone offset and every transition since 1970 falls on a quarter hour of UTC.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);

    public static IReadOnlyList<SeriesBucket> Plan(DayRange range, string? interval)
    {
        var zone = range.Zone;
        var end = ZonedCalendar.StartOfDayUtc(range.Last.AddDays(1), zone);
        var starts = (interval ?? SeriesInterval.Day) switch
        {
            SeriesInterval.Hour => HourStarts(ZonedCalendar.StartOfDayUtc(range.First, zone), end, zone),
            SeriesInterval.Week => DayStarts(range, d => d.DayOfWeek == DayOfWeek.Monday),
            SeriesInterval.Month => DayStarts(range, d => d.Day == 1),
            _ => DayStarts(range, _ => true),
        };

        var buckets = new List<SeriesBucket>(starts.Count);
        for (var i = 0; i < starts.Count; i++)
        {
            var start = starts[i];
            var next = i + 1 < starts.Count ? starts[i + 1] : end;
            buckets.Add(new SeriesBucket(Ms(start), Ms(next), new DateTimeOffset(start).ToOffset(zone.GetUtcOffset(start))));
        }

        return buckets;
    }

    private static List<DateTime> DayStarts(DayRange range, Func<DateOnly, bool> opensBucket)
    {
        var starts = new List<DateTime>();
        for (var day = range.First; day <= range.Last; day = day.AddDays(1))
        {
            if (day == range.First || opensBucket(day))
            {
                starts.Add(ZonedCalendar.StartOfDayUtc(day, range.Zone));
            }
        }

        return starts;
    }

    private static List<DateTime> HourStarts(DateTime from, DateTime to, TimeZoneInfo zone)
    {
        var starts = new List<DateTime>();
        (DateTime Hour, TimeSpan Offset) previous = default;
        for (var at = from; at < to; at += Step)
        {
            var offset = zone.GetUtcOffset(at);
            var local = at + offset;
            var key = (new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0), offset);
            if (starts.Count == 0 || key != previous)
            {
                starts.Add(at);
                previous = key;
            }
        }

        return starts;
    }

    private static long Ms(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
}
