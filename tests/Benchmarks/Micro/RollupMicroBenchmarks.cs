using BenchmarkDotNet.Attributes;
using VapiAgents.Infrastructure.Usage;
using VapiAgents.Infrastructure.Usage.Read;
using VapiAgents.Infrastructure.Usage.Schema;

namespace VapiAgents.Benchmarks.Micro;

/// <summary>
/// The in-memory steps of a metrics read: cutting local days into rollup buckets, and adding up breakdown
/// blobs (a month of fifty agents decodes a few thousand of them). Run with <c>-- micro --filter '*'</c>.
/// </summary>
[MemoryDiagnoser]
public class RollupMicroBenchmarks
{
    private static readonly DateTime Start = new(2026, 10, 1, 4, 0, 0, DateTimeKind.Utc);

    private readonly byte[] _blob = BreakdownBlob.Encode(
        Enumerable.Range(1, 170).ToDictionary(i => new BreakdownBlob.Key(i <= 160 ? BreakdownDimension.EndedReason : BreakdownDimension.Type, i), i => ((long)i, i * 1_000_000L)));

    /// <summary>30 New York days, each cut into day and hour pieces.</summary>
    [Benchmark]
    public int DecomposeThirtyDays()
    {
        var pieces = 0;
        for (var day = 0; day < 30; day++)
        {
            var from = new DateTimeOffset(Start.AddDays(day)).ToUnixTimeMilliseconds();
            pieces += BucketPlan.Decompose(from, from + 86_400_000).Count();
        }

        return pieces;
    }

    /// <summary>One set-day's breakdown (170 keys) added into a running total.</summary>
    [Benchmark]
    public int AddBlob()
    {
        var totals = new Dictionary<BreakdownBlob.Key, (long Calls, long Cost)>();
        BreakdownBlob.AddTo(totals, _blob);
        return totals.Count;
    }
}
