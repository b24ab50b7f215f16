using Microsoft.EntityFrameworkCore;
using VapiAgents.Application.Metrics;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Usage.Read;

/// <summary>
/// Reads only the call id, start and end of the calls that overlap the range; the copies of one call collapse to one.
/// A call overlapping [from, to) started before <c>to</c> and no earlier than <c>from</c> minus the user's longest
/// call, so the read is a range scan of the (UserId, StartedAt) index between those two instants; the longest call is
/// the last entry of the (UserId, DurationMs) index (ADR 024).
/// </summary>
public sealed class CallIntervalReader(ApplicationDbContext db) : ICallIntervalReader
{
    /// <summary>DurationMs is end − start truncated to whole milliseconds, as the stored instants are: a second covers any rounding.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    public async Task<IReadOnlyList<CallInterval>> ReadAsync(
        string userId, IReadOnlyCollection<Guid> agentIds, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        if (agentIds.Count == 0)
        {
            return [];
        }

        var ids = agentIds.ToList();
        var longestMs = await db.CallUsages.AsNoTracking()
            .Where(u => u.UserId == userId)
            .OrderByDescending(u => u.DurationMs)
            .Select(u => u.DurationMs)
            .FirstOrDefaultAsync(cancellationToken);
        DateTime? from = DateTimeOffset.FromUnixTimeMilliseconds(fromMs).UtcDateTime;
        DateTime? to = DateTimeOffset.FromUnixTimeMilliseconds(toMs).UtcDateTime;
        DateTime? earliestStart = from.Value - TimeSpan.FromMilliseconds(longestMs) - Margin;
        var rows = await db.CallUsages.AsNoTracking()
            .Where(u => u.UserId == userId && u.StartedAt >= earliestStart && u.StartedAt < to && u.EndedAt != null && u.EndedAt > from
                        && ids.Contains(u.AgentId))
            .Select(u => new { u.CallId, u.StartedAt, u.EndedAt })
            .ToListAsync(cancellationToken);
        return rows.DistinctBy(r => r.CallId, StringComparer.Ordinal)
            .Select(r => new CallInterval(Ms(r.StartedAt!.Value), Ms(r.EndedAt!.Value)))
            .Where(c => c.EndMs > c.StartMs)
            .ToList();
    }

    private static long Ms(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
}
