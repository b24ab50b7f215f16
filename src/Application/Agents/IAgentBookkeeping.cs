using VapiAgents.Domain.Agents;

namespace VapiAgents.Application.Agents;

/// <summary>
/// Applies a bookkeeping change (sync state, verification) to a fresh copy of an agent and saves it, reading
/// it again and retrying when a user's edit won the race. The user's edit is never overwritten.
/// </summary>
public interface IAgentBookkeeping
{
    Task UpdateAsync(Guid agentId, Action<VapiAgent> change, CancellationToken cancellationToken);
}
