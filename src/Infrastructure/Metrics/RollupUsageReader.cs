using Microsoft.EntityFrameworkCore;
using VapiAgents.Application.Common.Time;
using VapiAgents.Application.Metrics;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Persistence.ReadModel;
using VapiAgents.Infrastructure.Usage;

namespace VapiAgents.Infrastructure.Metrics;

/// <summary>
/// Answers metrics from the rollups. Each call is counted in exactly one agent set, so summing the sets a
/// selection touches counts shared calls once. Local days in any zone are cut from UTC day and hour buckets
/// (<see cref="BucketPlan"/>), and the few minutes no bucket covers come from call rows: exact, and a month
/// of fifty agents reads a few thousand rollup rows instead of hundreds of thousands of calls.
/// </summary>
public sealed class RollupUsageReader(ApplicationDbContext db, UsageKeyRegistry keys) : IUsageReader
{
    public async Task<UsageReport> ReadAsync(string userId, IReadOnlyCollection<Guid> agentIds, DayRange range, CancellationToken cancellationToken)
    {
        var bounds = DayBounds(range);
        var sets = await SetsAsync(userId, agentIds, cancellationToken);
        var rangePieces = BucketPlan.Decompose(bounds[0], bounds[^1]).ToList();
        var dayPieces = Enumerable.Range(0, range.Days).Select(i => BucketPlan.Decompose(bounds[i], bounds[i + 1]).ToList()).ToList();
        var setIds = sets.Keys.ToList();

        // Whole-set rows (with breakdowns) for the range as one interval; brief sums across sets for its days.
        var dayRows = await RollupsAsync(setIds, RollupGranularity.Day, rangePieces.Concat(dayPieces.SelectMany(p => p)), cancellationToken);
        var hourRows = await RollupsAsync(setIds, RollupGranularity.Hour, rangePieces, cancellationToken);
        var hourBriefs = await HourBriefsAsync(setIds, dayPieces.SelectMany(p => p), cancellationToken);
        var raw = await CallRows.ReadAsync(db, userId, agentIds, RawIntervals(rangePieces.Concat(dayPieces.SelectMany(p => p))), cancellationToken);

        // Per set only its sums (for each agent's view); the breakdowns go straight into the total, decoded once.
        var perSet = sets.Keys.ToDictionary(id => id, _ => new Application.Metrics.UsageSums());
        var total = new UsageTally();
        foreach (var piece in rangePieces.Where(p => !p.IsRaw))
        {
            var rows = piece.Granularity == RollupGranularity.Day ? dayRows : hourRows;
            foreach (var setId in setIds)
            {
                if (rows.TryGetValue((setId, piece.StartMs), out var rollup))
                {
                    perSet[setId].Add(UsageTally.ToSums(rollup), piece.Sign);
                    total.Add(rollup, piece.Sign);
                }
            }
        }

        var byAgent = agentIds.ToDictionary(id => id, id => Brief(sets.Where(s => s.Value.Contains(id)).Select(s => perSet[s.Key])));
        foreach (var piece in rangePieces.Where(p => p.IsRaw))
        {
            total.Add(await CallRows.TallyAsync(CallRows.Distinct(raw, piece.StartMs, piece.EndMs), keys, cancellationToken), piece.Sign);
            foreach (var agent in agentIds)
            {
                var own = await CallRows.TallyAsync(raw.Where(r => r.AgentId == agent && CallRows.Inside(r, piece.StartMs, piece.EndMs)), keys, cancellationToken);
                byAgent[agent] = Add(byAgent[agent], own.Sums, piece.Sign);
            }
        }

        var dayAcrossSets = dayRows.GroupBy(r => r.Key.Bucket).ToDictionary(g => g.Key, g => Brief(g.Select(r => UsageTally.ToSums(r.Value))));
        var daily = new List<(DateOnly, UsageBrief)>(range.Days);
        for (var i = 0; i < range.Days; i++)
        {
            var day = new UsageBrief(0, 0, 0);
            foreach (var piece in dayPieces[i])
            {
                var part = piece.Granularity switch
                {
                    RollupGranularity.Day => dayAcrossSets.GetValueOrDefault(piece.StartMs),
                    RollupGranularity.Hour => hourBriefs.GetValueOrDefault(piece.StartMs),
                    _ => Brief([(await CallRows.TallyAsync(CallRows.Distinct(raw, piece.StartMs, piece.EndMs), keys, cancellationToken)).Sums]),
                };
                day = day.Plus(part, piece.Sign);
            }

            daily.Add((range.First.AddDays(i), day));
        }

        var values = await keys.ValuesAsync(total.Breakdown.Keys.Where(k => k.Dimension != BreakdownDimension.DurationBand).Select(k => k.KeyId), cancellationToken);
        return new UsageReport(
            total.Sums, daily, byAgent,
            Entries(total, BreakdownDimension.EndedReason, values),
            Entries(total, BreakdownDimension.Type, values),
            Entries(total, BreakdownDimension.Status, values))
        {
            DurationHistogram = DurationBands.All.Select((_, i) => total.Breakdown.GetValueOrDefault(new BreakdownBlob.Key(BreakdownDimension.DurationBand, i + 1)).Calls).ToList(),
        };
    }

    public async Task<UsageBrief> ReadBriefAsync(string userId, IReadOnlyCollection<Guid> agentIds, DayRange range, CancellationToken cancellationToken)
    {
        var bounds = DayBounds(range);
        var setIds = (await SetsAsync(userId, agentIds, cancellationToken)).Keys.ToList();
        var pieces = BucketPlan.Decompose(bounds[0], bounds[^1]).ToList();
        var days = pieces.Where(p => p.Granularity == RollupGranularity.Day).Select(p => p.StartMs).ToList();
        var dayBriefs = await BriefsAsync(setIds, RollupGranularity.Day, days, cancellationToken);
        var hourBriefs = await HourBriefsAsync(setIds, pieces, cancellationToken);
        var raw = await CallRows.ReadAsync(db, userId, agentIds, RawIntervals(pieces), cancellationToken);

        var brief = new UsageBrief(0, 0, 0);
        foreach (var piece in pieces)
        {
            var part = piece.Granularity switch
            {
                RollupGranularity.Day => dayBriefs.GetValueOrDefault(piece.StartMs),
                RollupGranularity.Hour => hourBriefs.GetValueOrDefault(piece.StartMs),
                _ => Brief([(await CallRows.TallyAsync(CallRows.Distinct(raw, piece.StartMs, piece.EndMs), keys, cancellationToken)).Sums]),
            };
            brief = brief.Plus(part, piece.Sign);
        }

        return brief;
    }

    internal static long[] DayBounds(DayRange range) =>
        Enumerable.Range(0, range.Days + 1)
            .Select(i => new DateTimeOffset(ZonedCalendar.StartOfDayUtc(range.First.AddDays(i), range.Zone)).ToUnixTimeMilliseconds())
            .ToArray();

    /// <summary>The user's agent sets that hold calls of any selected agent, with their members.</summary>
    private Task<Dictionary<long, HashSet<Guid>>> SetsAsync(string userId, IReadOnlyCollection<Guid> agentIds, CancellationToken cancellationToken) =>
        SelectedAgentSets.ReadAsync(db, userId, agentIds, cancellationToken);

    private async Task<Dictionary<(long SetId, long Bucket), UsageRollup>> RollupsAsync(
        List<long> setIds, RollupGranularity granularity, IEnumerable<Piece> pieces, CancellationToken cancellationToken)
    {
        var buckets = pieces.Where(p => p.Granularity == granularity).Select(p => p.StartMs).Distinct().ToList();
        if (buckets.Count == 0 || setIds.Count == 0)
        {
            return [];
        }

        // Day buckets of a range are contiguous: one range scan per set. Hour buckets lie at its two ends, a month
        // apart: a range over them would read every hour row in between, so they are asked for by value.
        var query = db.UsageRollups.AsNoTracking().Where(r => EF.Parameter(setIds).Contains(r.AgentSetId) && r.Granularity == granularity);
        if (granularity == RollupGranularity.Day)
        {
            var (low, high) = (buckets.Min(), buckets.Max());
            query = query.Where(r => r.BucketStartMs >= low && r.BucketStartMs <= high);
        }
        else
        {
            query = query.Where(r => EF.Parameter(buckets).Contains(r.BucketStartMs));
        }

        var rows = await query.ToListAsync(cancellationToken);
        var wanted = buckets.ToHashSet();
        return rows.Where(r => wanted.Contains(r.BucketStartMs)).ToDictionary(r => (r.AgentSetId, r.BucketStartMs));
    }

    private Task<Dictionary<long, UsageBrief>> HourBriefsAsync(List<long> setIds, IEnumerable<Piece> pieces, CancellationToken cancellationToken) =>
        BriefsAsync(setIds, RollupGranularity.Hour, pieces.Where(p => p.Granularity == RollupGranularity.Hour).Select(p => p.StartMs).Distinct().ToList(), cancellationToken);

    /// <summary>Calls, duration and cost per bucket, added across the sets by the database.</summary>
    private async Task<Dictionary<long, UsageBrief>> BriefsAsync(List<long> setIds, RollupGranularity granularity, List<long> buckets, CancellationToken cancellationToken)
    {
        if (buckets.Count == 0 || setIds.Count == 0)
        {
            return [];
        }

        var rows = await db.UsageRollups.AsNoTracking()
            .Where(r => EF.Parameter(setIds).Contains(r.AgentSetId) && r.Granularity == granularity && EF.Parameter(buckets).Contains(r.BucketStartMs))
            .GroupBy(r => r.BucketStartMs)
            .Select(g => new
            {
                Bucket = g.Key, Calls = g.Sum(r => r.Calls), DurationMs = g.Sum(r => r.DurationMs), Cost = g.Sum(r => r.CostUnits),
                BillableSeconds = g.Sum(r => r.BillableSeconds), Revenue = g.Sum(r => r.RevenueUnits),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Bucket, r => new UsageBrief(r.Calls, r.DurationMs, r.Cost, r.BillableSeconds, r.Revenue));
    }

    private static List<(long From, long To)> RawIntervals(IEnumerable<Piece> pieces) =>
        pieces.Where(p => p.IsRaw).Select(p => (p.StartMs, p.EndMs)).Distinct().ToList();

    private static UsageBrief Brief(IEnumerable<Application.Metrics.UsageSums> sums) =>
        sums.Aggregate(new UsageBrief(0, 0, 0), (brief, sum) => brief.Plus(UsageBrief.Of(sum)));

    private static UsageBrief Add(UsageBrief brief, Application.Metrics.UsageSums sums, int sign) => brief.Plus(UsageBrief.Of(sums), sign);

    // Refused values and a stored value spelled "other" are one entry (ADR 030).
    private static List<BreakdownEntry> Entries(UsageTally tally, BreakdownDimension dimension, IReadOnlyDictionary<int, string> values) =>
        tally.Breakdown.Where(e => e.Key.Dimension == dimension)
            .Select(e => new BreakdownEntry(e.Key.KeyId == UsageKeyRegistry.NoValue ? null : values[e.Key.KeyId], e.Value.Calls, e.Value.Cost))
            .GroupBy(e => e.Key)
            .Select(g => g.Count() == 1 ? g.First() : new BreakdownEntry(g.Key, g.Sum(e => e.Calls), g.Sum(e => e.Cost)))
            .ToList();
}
