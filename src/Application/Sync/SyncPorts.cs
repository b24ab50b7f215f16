using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Sync;

/// <summary>Stores calls for an agent: one row per (agent, call), newest facts win, rollups kept in step, atomically per batch.</summary>
public interface IUsageStore
{
    Task<UpsertResult> UpsertAsync(Guid agentId, string userId, IReadOnlyList<CallFacts> calls, DateTime syncedAt, CancellationToken cancellationToken);
}

/// <param name="Created">Calls the agent did not hold before.</param>
/// <param name="Updated">Calls the agent held whose facts changed.</param>
public sealed record UpsertResult(int Created, int Updated);

/// <summary>
/// One sync per agent at a time, across processes: a lease row in the database that expires if its holder dies.
/// </summary>
public interface ISyncLeases
{
    /// <summary>Takes the agent's lease for the run, or extends it if the run already holds it.</summary>
    Task<LeaseAttempt> TryHoldAsync(Guid agentId, Guid runId, CancellationToken cancellationToken);

    Task ReleaseAsync(Guid agentId, Guid runId, CancellationToken cancellationToken);

    /// <summary>The agents among these whose lease is held and not expired (a sync of theirs is running or queued).</summary>
    Task<IReadOnlySet<Guid>> HeldAsync(IReadOnlyCollection<Guid> agentIds, CancellationToken cancellationToken);
}

/// <param name="HeldBy">The run holding the lease when it could not be taken.</param>
/// <param name="Expired">The run whose lease had expired and was taken over (its process died).</param>
public sealed record LeaseAttempt(bool Held, Guid? HeldBy, Guid? Expired);

/// <summary>Runs a queued sync in the background, on whichever instance picks it up.</summary>
public interface ISyncJobQueue
{
    void EnqueueRun(Guid runId);

    /// <summary>An incremental, scheduled sync of the agent; skipped when one of its syncs is already running.</summary>
    void EnqueueScheduledSync(Guid agentId);
}
