using Microsoft.EntityFrameworkCore;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Metrics;

/// <summary>The user's agent sets that hold calls of any selected agent, with their members: what rollup reads sum over.</summary>
internal static class SelectedAgentSets
{
    public static async Task<Dictionary<long, HashSet<Guid>>> ReadAsync(
        ApplicationDbContext db, string userId, IReadOnlyCollection<Guid> agentIds, CancellationToken cancellationToken)
    {
        var selected = agentIds.ToHashSet();
        var sets = await db.AgentSets.AsNoTracking().Where(s => s.UserId == userId).ToListAsync(cancellationToken);
        return sets.Select(s => (s.Id, Members: s.MemberIds().ToHashSet()))
            .Where(s => s.Members.Overlaps(selected))
            .ToDictionary(s => s.Id, s => s.Members);
    }
}
