using VapiAgents.Infrastructure.Usage;
using VapiAgents.Infrastructure.Usage.Schema;
using VapiAgents.Infrastructure.Usage.Write;

namespace VapiAgents.Infrastructure.Usage.Read;

/// <summary>
/// One piece of a time interval: a whole rollup bucket (an hour or a UTC day), or a stretch shorter than an
/// hour that only call rows can answer. <see cref="Sign"/> −1 takes a piece away again.
/// </summary>
public readonly record struct Piece(RollupGranularity? Granularity, long StartMs, long EndMs, int Sign)
{
    public bool IsRaw => Granularity is null;
}

/// <summary>
/// Splits [from, to) into as few pieces as the rollups allow: whole UTC days as day buckets; the part-days at
/// either end as hour buckets — or, when that would take more than half a day of hours, the whole day minus
/// its complement; minutes that are not a whole hour (zones with :30 and :45 offsets) from call rows.
/// </summary>
public static class BucketPlan
{
    private const long Hour = RollupDeltas.HourMs;
    private const long Day = RollupDeltas.DayMs;

    public static IEnumerable<Piece> Decompose(long fromMs, long toMs)
    {
        if (fromMs >= toMs)
        {
            yield break;
        }

        var firstDay = Floor(fromMs, Day);
        var lastDay = Floor(toMs, Day);
        if (firstDay == lastDay)
        {
            foreach (var piece in WithinDay(firstDay, fromMs, toMs))
            {
                yield return piece;
            }

            yield break;
        }

        var wholeFrom = firstDay;
        if (fromMs != firstDay)
        {
            foreach (var piece in WithinDay(firstDay, fromMs, firstDay + Day))
            {
                yield return piece;
            }

            wholeFrom = firstDay + Day;
        }

        for (var day = wholeFrom; day < lastDay; day += Day)
        {
            yield return new Piece(RollupGranularity.Day, day, day + Day, 1);
        }

        if (toMs != lastDay)
        {
            foreach (var piece in WithinDay(lastDay, lastDay, toMs))
            {
                yield return piece;
            }
        }
    }

    private static IEnumerable<Piece> WithinDay(long day, long fromMs, long toMs)
    {
        if (toMs - fromMs <= Day / 2)
        {
            return Hours(fromMs, toMs, 1);
        }

        // More than half the day: the whole day minus what lies outside [from, to).
        return Hours(day, fromMs, -1).Concat(Hours(toMs, day + Day, -1)).Prepend(new Piece(RollupGranularity.Day, day, day + Day, 1));
    }

    private static IEnumerable<Piece> Hours(long fromMs, long toMs, int sign)
    {
        if (fromMs >= toMs)
        {
            yield break;
        }

        var firstHour = Ceiling(fromMs, Hour);
        var lastHour = Floor(toMs, Hour);
        if (firstHour > lastHour)
        {
            yield return new Piece(null, fromMs, toMs, sign);
            yield break;
        }

        if (fromMs < firstHour)
        {
            yield return new Piece(null, fromMs, firstHour, sign);
        }

        for (var hour = firstHour; hour < lastHour; hour += Hour)
        {
            yield return new Piece(RollupGranularity.Hour, hour, hour + Hour, sign);
        }

        if (lastHour < toMs)
        {
            yield return new Piece(null, lastHour, toMs, sign);
        }
    }

    private static long Floor(long value, long size) => value - ((value % size) + size) % size;

    private static long Ceiling(long value, long size) => Floor(value + size - 1, size);
}
