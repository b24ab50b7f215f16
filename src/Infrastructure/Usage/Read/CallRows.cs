using Microsoft.EntityFrameworkCore;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Usage;
using VapiAgents.Infrastructure.Usage.Write;

namespace VapiAgents.Infrastructure.Usage.Read;

/// <summary>
/// Call rows of a selection of agents created within some intervals, tallied two ways: once per call (a call
/// several selected agents hold counts once) and per agent (each agent's own copies).
/// </summary>
internal static class CallRows
{
    public static async Task<List<CallUsage>> ReadAsync(
        ApplicationDbContext db, string userId, IReadOnlyCollection<Guid> agentIds, IReadOnlyCollection<(long From, long To)> intervals,
        CancellationToken cancellationToken)
    {
        if (intervals.Count == 0 || agentIds.Count == 0)
        {
            return [];
        }

        // One range of the (AgentId, CreatedAt) index per interval, joined by UNION ALL. SQLite without statistics read
        // the user's every row instead: for an OR of ranges it scans the table, and with the user in the filter it
        // walks a (UserId, …) index by UserId alone. So the user is checked here, on the few rows read.
        var ids = agentIds.ToList();
        IQueryable<CallUsage>? query = null;
        foreach (var (fromMs, toMs) in intervals)
        {
            var (from, to) = (DateTimeOffset.FromUnixTimeMilliseconds(fromMs).UtcDateTime, DateTimeOffset.FromUnixTimeMilliseconds(toMs).UtcDateTime);
            var range = db.CallUsages.AsNoTracking().Where(u => ids.Contains(u.AgentId) && u.CreatedAt >= from && u.CreatedAt < to);
            query = query is null ? range : query.Concat(range);
        }

        var rows = await query!.ToListAsync(cancellationToken);
        // Intervals that overlap would read a row twice.
        return rows.Where(r => r.UserId == userId).DistinctBy(r => (r.AgentId, r.CallId)).ToList();
    }

    /// <summary>Each call once (its copies hold the same facts), in the interval.</summary>
    public static IEnumerable<CallUsage> Distinct(IEnumerable<CallUsage> rows, long fromMs, long toMs) =>
        rows.Where(r => Inside(r, fromMs, toMs)).DistinctBy(r => r.CallId, StringComparer.Ordinal);

    public static bool Inside(CallUsage row, long fromMs, long toMs)
    {
        var at = new DateTimeOffset(row.CreatedAt).ToUnixTimeMilliseconds();
        return at >= fromMs && at < toMs;
    }

    /// <summary>The rows' sums and breakdowns, keyed as the rollups key them: looked up, never interned (ADR 030).</summary>
    public static async Task<UsageTally> TallyAsync(IEnumerable<CallUsage> rows, UsageKeyRegistry keys, CancellationToken cancellationToken)
    {
        var calls = rows.Select(r => (Facts: r.ToFacts(), r.OtherKeys)).ToList();
        var resolved = await keys.LookupAsync(calls.SelectMany(c => UsageStore.KeysOf(c.Facts)), cancellationToken);
        var tally = new UsageTally();
        foreach (var (facts, other) in calls)
        {
            tally.Add(facts, UsageKeyRegistry.IdsOf(facts, other, resolved), +1);
        }

        return tally;
    }
}
