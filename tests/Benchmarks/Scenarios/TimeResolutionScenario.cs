using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Metrics;
using VapiAgents.Benchmarks.Harness;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Benchmarks.Scenarios;

/// <summary>
/// Issue 19's reads on the metrics data set (1 M calls, 50 agents, America/New_York), each in a fresh scope as a
/// request would be, and each checked against a plain computation over the call rows (every call streamed once):
/// <c>metrics-hour</c> — 31 days hourly; <c>heatmap</c> — 90 days folded into 168 cells; <c>concurrency</c> — 30 days
/// hourly peaks, checked by counting starts and ends with binary searches instead of a sweep.
/// </summary>
public static class TimeResolutionScenario
{
    private const int WarmUpRuns = 5;

    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DayRange LastDays(int days)
    {
        var last = DateOnly.FromDateTime(MetricsDataset.End).AddDays(-2);
        return new DayRange(last.AddDays(-(days - 1)), last, Zone);
    }

    public static async Task<Figures> RunHourlyAsync(BenchArgs args)
    {
        await using var database = await MetricsDataset.OpenAsync(args.Provider, args.Calls);
        await using var services = ProductServices.Infrastructure(database);
        var buckets = SeriesPlan.Plan(LastDays(31), SeriesInterval.Hour);
        var (times, series) = await MeasureAsync(services, args.Runs ?? 100, (s, ct) =>
            s.GetRequiredService<ISeriesUsageReader>().ReadAsync(MetricsDataset.UserId, MetricsDataset.Agents, SeriesPlan.Plan(LastDays(31), SeriesInterval.Hour), ct));

        var plain = new UsageBrief[buckets.Count];
        var starts = buckets.Select(b => b.StartMs).ToArray();
        foreach (var call in await PlainCallsAsync(services, buckets[0].StartMs, buckets[^1].EndMs))
        {
            var found = Array.BinarySearch(starts, call.At);
            var i = found >= 0 ? found : ~found - 1;
            plain[i] = plain[i].Plus(BriefOf(call.Facts));
        }

        Check(series.SequenceEqual(plain), "hourly series");
        return Result("metrics-hour", args, times, "≤ 30").Add("buckets", buckets.Count).Note("answer", $"equal ({series.Sum(s => s.Calls):N0} calls)");
    }

    public static async Task<Figures> RunHeatmapAsync(BenchArgs args)
    {
        await using var database = await MetricsDataset.OpenAsync(args.Provider, args.Calls);
        await using var services = ProductServices.Infrastructure(database);
        var range = LastDays(MetricsDataset.Days);
        var (times, cells) = await MeasureAsync(services, args.Runs ?? 100, async (s, ct) =>
        {
            var hours = SeriesPlan.Plan(range, SeriesInterval.Hour);
            return HourOfWeek.Fold(hours, await s.GetRequiredService<ISeriesUsageReader>().ReadAsync(MetricsDataset.UserId, MetricsDataset.Agents, hours, ct));
        });

        var hoursPlan = SeriesPlan.Plan(range, SeriesInterval.Hour);
        var plain = new UsageBrief[HourOfWeek.Cells];
        foreach (var call in await PlainCallsAsync(services, hoursPlan[0].StartMs, hoursPlan[^1].EndMs))
        {
            var utc = DateTimeOffset.FromUnixTimeMilliseconds(call.At);
            var local = utc.ToOffset(Zone.GetUtcOffset(utc.UtcDateTime));
            var i = (((int)local.DayOfWeek + 6) % 7) * 24 + local.Hour;
            plain[i] = plain[i].Plus(BriefOf(call.Facts));
        }

        Check(cells.SequenceEqual(plain), "heatmap");
        return Result("heatmap", args, times, "≤ 50").Note("answer", $"equal ({cells.Sum(c => c.Calls):N0} calls in 168 cells)");
    }

    public static async Task<Figures> RunConcurrencyAsync(BenchArgs args)
    {
        await using var database = await MetricsDataset.OpenAsync(args.Provider, args.Calls);
        await using var services = ProductServices.Infrastructure(database);
        var buckets = SeriesPlan.Plan(LastDays(30), SeriesInterval.Hour);
        var (from, to) = (buckets[0].StartMs, buckets[^1].EndMs);
        var (times, peaks) = await MeasureAsync(services, args.Runs ?? 20, async (s, ct) =>
            ConcurrencySweep.Compute(await s.GetRequiredService<ICallIntervalReader>().ReadAsync(MetricsDataset.UserId, MetricsDataset.Agents, from, to, ct), buckets));

        // Plain: every call streamed from the rows (any creation time), the count at t = starts ≤ t − ends ≤ t.
        var calls = (await PlainCallsAsync(services, 0, long.MaxValue / 2))
            .Where(c => c.Facts.StartedAt is not null && c.Facts.EndedAt is not null && c.Facts.EndedAt > c.Facts.StartedAt)
            .Select(c => (Start: Ms(c.Facts.StartedAt!.Value), End: Ms(c.Facts.EndedAt!.Value)))
            .Where(c => c.Start < to && c.End > from).ToList();
        var sortedStarts = calls.Select(c => c.Start).Order().ToArray();
        var sortedEnds = calls.Select(c => c.End).Order().ToArray();
        int CountAt(long t) => UpperBound(sortedStarts, t) - UpperBound(sortedEnds, t);
        var expected = buckets.Select(b => sortedStarts.Where(t => t > b.StartMs && t < b.EndMs).Append(b.StartMs).Max(CountAt)).ToList();
        Check(peaks.BucketPeaks.SequenceEqual(expected) && peaks.Peak == expected.Max(), "concurrency");

        // The read as it was before the (UserId, StartedAt) range scan (ADR 024), on the same data in the same run.
        var (previousTimes, previous) = await MeasureAsync(services, Math.Min(args.Runs ?? 20, 5), (s, ct) => PreviousReadAsync(s, from, to, ct));
        Check(previous == calls.Count, "previous read");
        return Result("concurrency", args, times, "≤ 1000").Add("intervals", calls.Count)
            .Add("previousReadMedianMs", Stats.Median(previousTimes)).Note("answer", $"equal (peak {peaks.Peak})");
    }

    /// <summary>The earlier filter: the user's calls with any start before <c>to</c> and an end after <c>from</c>, no lower bound on the start.</summary>
    private static async Task<int> PreviousReadAsync(IServiceProvider services, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ApplicationDbContext>();
        var ids = MetricsDataset.Agents.ToList();
        DateTime? from = DateTimeOffset.FromUnixTimeMilliseconds(fromMs).UtcDateTime;
        DateTime? to = DateTimeOffset.FromUnixTimeMilliseconds(toMs).UtcDateTime;
        var rows = await db.CallUsages.AsNoTracking()
            .Where(u => u.UserId == MetricsDataset.UserId && ids.Contains(u.AgentId) && u.StartedAt != null && u.EndedAt != null && u.StartedAt < to && u.EndedAt > from)
            .Select(u => new { u.CallId, u.StartedAt, u.EndedAt })
            .ToListAsync(cancellationToken);
        return rows.DistinctBy(r => r.CallId, StringComparer.Ordinal).Count(r => r.EndedAt > r.StartedAt);
    }

    private static int UpperBound(long[] sorted, long value)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = sorted[middle] <= value ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    /// <summary>One call as a series counts it, revenue included (the data set prices every agent).</summary>
    private static UsageBrief BriefOf(CallFacts call) => new(1, call.DurationMs, Money.ToUnits(call.Cost), call.BillableSeconds, Money.ToUnits(call.Revenue));

    private static long Ms(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    private static Figures Result(string name, BenchArgs args, List<double> times, string target) =>
        new Figures(name, args.Provider)
            .Add("calls", args.Calls ?? MetricsDataset.Calls)
            .Add("runs", times.Count)
            .Add("medianMs", Stats.Median(times), target)
            .Add("p95Ms", Stats.Percentile(times, 95));

    private static void Check(bool equal, string what)
    {
        if (!equal)
        {
            throw new InvalidOperationException($"The {what} differs from the plain computation over the call rows.");
        }
    }

    private static async Task<(List<double> Times, T Answer)> MeasureAsync<T>(IServiceProvider services, int runs, Func<IServiceProvider, CancellationToken, Task<T>> read)
    {
        var times = new List<double>(runs);
        T answer = default!;
        for (var i = 0; i < WarmUpRuns + runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            answer = await read(scope.ServiceProvider, CancellationToken.None);
            clock.Stop();
            if (i >= WarmUpRuns)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return (times, answer);
    }

    /// <summary>Every call of the user's agents created in [from, to), once, with its creation instant.</summary>
    private static async Task<List<(long At, CallFacts Facts)>> PlainCallsAsync(IServiceProvider services, long fromMs, long toMs)
    {
        await using var scope = services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetRequiredService<ICallExportSource>();
        var from = DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(fromMs, 0)).UtcDateTime;
        var to = toMs >= long.MaxValue / 4 ? DateTime.SpecifyKind(new DateTime(2100, 1, 1), DateTimeKind.Utc) : DateTimeOffset.FromUnixTimeMilliseconds(toMs).UtcDateTime;
        var calls = new List<(long, CallFacts)>();
        await foreach (var call in source.StreamAsync(MetricsDataset.UserId, MetricsDataset.Agents, from, to, CancellationToken.None))
        {
            calls.Add((Ms(call.Facts.CreatedAt), call.Facts));
        }

        return calls;
    }
}
