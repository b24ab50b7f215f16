using Microsoft.EntityFrameworkCore;
using VapiAgents.Application.Metrics;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Metrics;

/// <summary>Reads only the call id, start and end of the calls that overlap the range; the copies of one call collapse to one.</summary>
public sealed class CallIntervalReader(ApplicationDbContext db) : ICallIntervalReader
{
    public async Task<IReadOnlyList<CallInterval>> ReadAsync(
        string userId, IReadOnlyCollection<Guid> agentIds, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        if (agentIds.Count == 0)
        {
            return [];
        }

        var ids = agentIds.ToList();
        DateTime? from = DateTimeOffset.FromUnixTimeMilliseconds(fromMs).UtcDateTime;
        DateTime? to = DateTimeOffset.FromUnixTimeMilliseconds(toMs).UtcDateTime;
        var rows = await db.CallUsages.AsNoTracking()
            .Where(u => u.UserId == userId && ids.Contains(u.AgentId) && u.StartedAt != null && u.EndedAt != null && u.StartedAt < to && u.EndedAt > from)
            .Select(u => new { u.CallId, u.StartedAt, u.EndedAt })
            .ToListAsync(cancellationToken);
        return rows.DistinctBy(r => r.CallId, StringComparer.Ordinal)
            .Select(r => new CallInterval(Ms(r.StartedAt!.Value), Ms(r.EndedAt!.Value)))
            .Where(c => c.EndMs > c.StartMs)
            .ToList();
    }

    private static long Ms(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
}
