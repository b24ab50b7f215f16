using Microsoft.EntityFrameworkCore;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Usage.Read;

/// <summary>
/// The user's agent sets that hold calls of any selected agent, with their members; and, when those are all the
/// user's sets, the every-agent set that holds the same sums in one row per bucket (ADR 031).
/// </summary>
internal sealed record SelectedAgentSets(Dictionary<long, HashSet<Guid>> Sets, long? EveryAgent)
{
    /// <summary>The sets whose rows add up to the selection's sums: the every-agent set alone where it answers, else each selected set.</summary>
    public List<long> SumSets => EveryAgent is { } whole ? [whole] : [.. Sets.Keys];

    public static async Task<SelectedAgentSets> ReadAsync(
        ApplicationDbContext db, string userId, IReadOnlyCollection<Guid> agentIds, CancellationToken cancellationToken)
    {
        var selected = agentIds.ToHashSet();
        var sets = await db.AgentSets.AsNoTracking().Where(s => s.UserId == userId).ToListAsync(cancellationToken);
        var whole = sets.SingleOrDefault(s => s.IsEveryAgent);
        var held = sets.Where(s => !s.IsEveryAgent).Select(s => (s.Id, Members: s.MemberIds().ToHashSet())).ToList();
        var chosen = held.Where(s => s.Members.Overlaps(selected)).ToDictionary(s => s.Id, s => s.Members);
        // Every set chosen means every call of the user is held by a selected agent: the whole set's sums are the selection's.
        return new SelectedAgentSets(chosen, whole is not null && chosen.Count == held.Count && chosen.Count > 0 ? whole.Id : null);
    }
}
