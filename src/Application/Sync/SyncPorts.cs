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
    /// <param name="duration">How long it lasts unless renewed; default <see cref="SyncOptions.LeaseSeconds"/>.</param>
    Task<LeaseAttempt> TryHoldAsync(Guid agentId, Guid runId, CancellationToken cancellationToken, TimeSpan? duration = null);

    Task ReleaseAsync(Guid agentId, Guid runId, CancellationToken cancellationToken);

    /// <summary>The agents among these whose lease is held and not expired (a sync of theirs is running or queued).</summary>
    Task<IReadOnlySet<Guid>> HeldAsync(IReadOnlyCollection<Guid> agentIds, CancellationToken cancellationToken);

    /// <summary>
    /// The run holding each of these agents' lease, unless it expired more than <paramref name="grace"/> ago (agents
    /// without one are left out). The grace lets a busy process renew late without being taken for dead.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, Guid>> LiveHoldersAsync(IReadOnlyCollection<Guid> agentIds, TimeSpan grace, CancellationToken cancellationToken);
}

/// <param name="HeldBy">The run holding the lease when it could not be taken.</param>
/// <param name="Expired">The run whose lease had expired and was taken over (its process died).</param>
public sealed record LeaseAttempt(bool Held, Guid? HeldBy, Guid? Expired);

/// <summary>Runs a queued sync in the background, on whichever instance picks it up.</summary>
public interface ISyncJobQueue
{
    /// <returns>The job's id in the job storage, kept on the run so the sweeper can tell a lost job from a waiting one.</returns>
    string EnqueueRun(Guid runId);

    /// <summary>An incremental, scheduled sync of the agent; skipped when one of its syncs is already running.</summary>
    void EnqueueScheduledSync(Guid agentId);
}

/// <summary>What the job storage knows of a run's job: the sweeper's view of whether it will still run.</summary>
public interface ISyncJobStates
{
    SyncJobStatus StatusOf(string jobId);
}

/// <param name="Since">When the job entered its state (known for <see cref="SyncJobState.Processing"/>).</param>
public sealed record SyncJobStatus(SyncJobState State, DateTime? Since = null);

public enum SyncJobState
{
    /// <summary>Unknown to the storage (never enqueued, or lost with an in-memory storage), deleted or expired.</summary>
    Missing,

    /// <summary>Waiting to be picked up (enqueued, scheduled or awaiting).</summary>
    Waiting,

    /// <summary>Picked up by a worker.</summary>
    Processing,

    /// <summary>Ended (succeeded or failed) in the job storage.</summary>
    Ended,
}
