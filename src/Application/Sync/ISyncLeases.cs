namespace VapiAgents.Application.Sync;

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
