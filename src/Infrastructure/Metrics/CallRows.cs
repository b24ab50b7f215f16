using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Usage;

namespace VapiAgents.Infrastructure.Metrics;

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

        var ids = agentIds.ToList();
        return await db.CallUsages.AsNoTracking()
            .Where(u => u.UserId == userId && ids.Contains(u.AgentId))
            .Where(Within(intervals))
            .ToListAsync(cancellationToken);
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

    private static Expression<Func<CallUsage, bool>> Within(IEnumerable<(long From, long To)> intervals)
    {
        var row = Expression.Parameter(typeof(CallUsage), "u");
        var createdAt = Expression.Property(row, nameof(CallUsage.CreatedAt));
        Expression? any = null;
        foreach (var (from, to) in intervals)
        {
            var inside = Expression.AndAlso(
                Expression.GreaterThanOrEqual(createdAt, Expression.Constant(DateTimeOffset.FromUnixTimeMilliseconds(from).UtcDateTime)),
                Expression.LessThan(createdAt, Expression.Constant(DateTimeOffset.FromUnixTimeMilliseconds(to).UtcDateTime)));
            any = any is null ? inside : Expression.OrElse(any, inside);
        }

        return Expression.Lambda<Func<CallUsage, bool>>(any!, row);
    }
}
