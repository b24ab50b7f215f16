using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Sync;

/// <summary>Stores calls for an agent: one row per (agent, call), newest facts win, rollups kept in step, atomically per batch.</summary>
public interface IUsageStore
{
    Task<UpsertResult> UpsertAsync(Guid agentId, string userId, IReadOnlyList<CallFacts> calls, DateTime syncedAt, CancellationToken cancellationToken);
}
