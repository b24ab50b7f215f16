using Microsoft.EntityFrameworkCore;
using VapiAgents.Application.Alerts;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Alerts;

/// <summary>Each agent's oldest stored call: one MIN per agent on the (agent, created-at) index.</summary>
public sealed class AgentCallHistory(ApplicationDbContext db) : IAgentCallHistory
{
    public async Task<IReadOnlyDictionary<Guid, DateTime>> FirstCallsAsync(IReadOnlyCollection<Guid> agentIds, CancellationToken cancellationToken)
    {
        var firsts = new Dictionary<Guid, DateTime>();
        foreach (var agentId in agentIds)
        {
            var first = await db.CallUsages.AsNoTracking().Where(c => c.AgentId == agentId)
                .OrderBy(c => c.CreatedAt).Select(c => (DateTime?)c.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            if (first is { } at)
            {
                firsts[agentId] = at;
            }
        }

        return firsts;
    }
}
