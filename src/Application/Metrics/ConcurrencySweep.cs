namespace VapiAgents.Application.Metrics;

/// <summary>The most calls in progress at one instant, over a range and per bucket of a series.</summary>
/// <param name="PeakAtMs">The first instant the peak was reached; null when no call was in progress.</param>
/// <param name="AtOrAboveLimitMs">Milliseconds of the range with at least the limit's number of calls in progress; null without a limit.</param>
public sealed record ConcurrencyPeaks(int Peak, long? PeakAtMs, IReadOnlyList<int> BucketPeaks, long? AtOrAboveLimitMs = null);

/// <summary>
/// A sweep over the calls' starts and ends in time order. A call occupies [start, end): at an instant where one call
/// ends and another starts, the end is taken first, so calls that merely touch never overlap.
/// </summary>
public static class ConcurrencySweep
{
    /// <param name="limit">When given, the time spent at or above it is summed in the same pass.</param>
    public static ConcurrencyPeaks Compute(IEnumerable<CallInterval> calls, IReadOnlyList<SeriesBucket> buckets, int? limit = null)
    {
        var peaks = new int[buckets.Count];
        if (buckets.Count == 0)
        {
            return new ConcurrencyPeaks(0, null, peaks, limit is null ? null : 0);
        }

        var (from, to) = (buckets[0].StartMs, buckets[^1].EndMs);
        // +1 for a start, −1 for an end; sorting by (time, delta) puts ends before starts at the same instant.
        var events = new List<(long At, int Delta)>();
        foreach (var call in calls)
        {
            var (start, end) = (Math.Max(call.StartMs, from), Math.Min(call.EndMs, to));
            if (start < end)
            {
                events.Add((start, +1));
                events.Add((end, -1));
            }
        }

        events.Sort();
        var (current, peak, bucket) = (0, 0, 0);
        long? peakAt = null;
        // The count is constant between two event instants: the span since the previous one counts when it was ≥ limit.
        var (atOrAbove, previousAt) = (0L, from);
        for (var i = 0; i < events.Count && events[i].At < to;)
        {
            var at = events[i].At;
            if (current >= limit)
            {
                atOrAbove += at - previousAt;
            }

            previousAt = at;
            // The buckets passed before this instant held the current count from their start (or from the last event).
            while (buckets[bucket].EndMs <= at)
            {
                bucket++;
                if (buckets[bucket].StartMs < at)
                {
                    peaks[bucket] = Math.Max(peaks[bucket], current);
                }
            }

            for (; i < events.Count && events[i].At == at; i++)
            {
                current += events[i].Delta;
            }

            peaks[bucket] = Math.Max(peaks[bucket], current);
            if (current > peak)
            {
                (peak, peakAt) = (current, at);
            }
        }

        // Calls still in progress at the last event stay so until the end of the range.
        for (var b = bucket + 1; b < buckets.Count; b++)
        {
            peaks[b] = Math.Max(peaks[b], current);
        }

        if (current >= limit)
        {
            atOrAbove += to - previousAt;
        }

        return new ConcurrencyPeaks(peak, peakAt, peaks, limit is null ? null : atOrAbove);
    }
}
