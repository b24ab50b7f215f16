using Microsoft.EntityFrameworkCore;
using VapiAgents.Application.Metrics;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Usage;
using VapiAgents.Infrastructure.Usage.Schema;
using VapiAgents.Infrastructure.Usage.Write;

namespace VapiAgents.Infrastructure.Usage.Read;

/// <summary>
/// A series from the rollups: each bucket is cut into UTC day and hour buckets by <see cref="BucketPlan"/>, the
/// sums across the selection's agent sets are added by the database (one grouped query per granularity), and the
/// minutes no rollup covers (zones with :30 and :45 offsets) come from call rows, each call once.
/// </summary>
public sealed class RollupSeriesReader(ApplicationDbContext db) : ISeriesUsageReader
{
    /// <summary>Beyond this many separate stretches of call rows, one read over their whole span is cheaper than an OR of each.</summary>
    private const int MaxRawIntervals = 16;

    public async Task<IReadOnlyList<UsageBrief>> ReadAsync(
        string userId, IReadOnlyCollection<Guid> agentIds, IReadOnlyList<SeriesBucket> buckets, CancellationToken cancellationToken)
    {
        var pieces = buckets.Select(b => BucketPlan.Decompose(b.StartMs, b.EndMs).ToList()).ToList();
        var all = pieces.SelectMany(p => p).ToList();
        var setIds = (await SelectedAgentSets.ReadAsync(db, userId, agentIds, cancellationToken)).SumSets;
        var days = await BriefsAsync(setIds, RollupGranularity.Day, all, RollupDeltas.DayMs, cancellationToken);
        var hours = await BriefsAsync(setIds, RollupGranularity.Hour, all, RollupDeltas.HourMs, cancellationToken);
        var raw = await RawCallsAsync(userId, agentIds, all, cancellationToken);

        var series = new UsageBrief[buckets.Count];
        for (var i = 0; i < buckets.Count; i++)
        {
            var sum = default(UsageBrief);
            foreach (var piece in pieces[i])
            {
                var part = piece.Granularity switch
                {
                    RollupGranularity.Day => days.GetValueOrDefault(piece.StartMs),
                    RollupGranularity.Hour => hours.GetValueOrDefault(piece.StartMs),
                    _ => raw.Sum(piece.StartMs, piece.EndMs),
                };
                sum = sum.Plus(part, piece.Sign);
            }

            series[i] = sum;
        }

        return series;
    }

    /// <summary>
    /// Calls, duration and cost per bucket, added across the sets by the database. Buckets that lie close together
    /// (an hourly series) are read as one range; scattered ones (the ends of local days) by value.
    /// </summary>
    private async Task<Dictionary<long, UsageBrief>> BriefsAsync(
        List<long> setIds, RollupGranularity granularity, List<Piece> pieces, long size, CancellationToken cancellationToken)
    {
        var wanted = pieces.Where(p => p.Granularity == granularity).Select(p => p.StartMs).ToHashSet();
        if (wanted.Count == 0 || setIds.Count == 0)
        {
            return [];
        }

        var (low, high) = (wanted.Min(), wanted.Max());
        var query = db.UsageRollups.AsNoTracking().Where(r => EF.Parameter(setIds).Contains(r.AgentSetId) && r.Granularity == granularity);
        query = wanted.Count * 4L >= (high - low) / size + 1
            ? query.Where(r => r.BucketStartMs >= low && r.BucketStartMs <= high)
            : query.Where(r => EF.Parameter(wanted.ToList()).Contains(r.BucketStartMs));
        var sums = await query.BriefSumsByAsync(r => r.BucketStartMs, cancellationToken);
        return sums.Where(s => wanted.Contains(s.Key)).ToDictionary();
    }

    private async Task<RawCalls> RawCallsAsync(string userId, IReadOnlyCollection<Guid> agentIds, List<Piece> pieces, CancellationToken cancellationToken)
    {
        var intervals = pieces.Where(p => p.IsRaw).Select(p => (p.StartMs, p.EndMs)).Distinct().ToList();
        if (intervals.Count > MaxRawIntervals)
        {
            intervals = [(intervals.Min(i => i.StartMs), intervals.Max(i => i.EndMs))];
        }

        var rows = await CallRows.ReadAsync(db, userId, agentIds, intervals, cancellationToken);
        return new RawCalls(rows);
    }

    /// <summary>Each call once, sorted by creation, so any stretch's sums are a binary search and a short walk.</summary>
    private sealed class RawCalls
    {
        private readonly long[] _at;
        private readonly UsageBrief[] _usage;

        public RawCalls(IEnumerable<CallUsage> rows)
        {
            var calls = rows.DistinctBy(r => r.CallId, StringComparer.Ordinal)
                .Select(r => (At: new DateTimeOffset(r.CreatedAt).ToUnixTimeMilliseconds(),
                    Usage: new UsageBrief(1, r.DurationMs, Money.ToUnits(r.Cost), r.BillableSeconds, Money.ToUnits(r.Revenue))))
                .OrderBy(c => c.At).ToList();
            _at = calls.Select(c => c.At).ToArray();
            _usage = calls.Select(c => c.Usage).ToArray();
        }

        public UsageBrief Sum(long fromMs, long toMs)
        {
            var sum = default(UsageBrief);
            for (var i = LowerBound(fromMs); i < _at.Length && _at[i] < toMs; i++)
            {
                sum = sum.Plus(_usage[i]);
            }

            return sum;
        }

        private int LowerBound(long value)
        {
            var (low, high) = (0, _at.Length);
            while (low < high)
            {
                var middle = (low + high) / 2;
                (low, high) = _at[middle] < value ? (middle + 1, high) : (low, middle);
            }

            return low;
        }
    }
}
