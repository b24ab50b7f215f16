using Ardalis.Specification;

namespace VapiAgents.Domain.Usage.Specifications;

/// <summary>One of the user's runs (404 for anyone else's).</summary>
public sealed class SyncRunByIdForUserSpec : SingleResultSpecification<SyncRun>
{
    public SyncRunByIdForUserSpec(Guid id, string userId) =>
        Query.Where(r => r.Id == id && r.UserId == userId).AsNoTracking();
}

/// <summary>An agent's runs, newest first, a page at a time.</summary>
public sealed class SyncRunsForAgentSpec : Specification<SyncRun>
{
    public SyncRunsForAgentSpec(Guid agentId, string userId, int skip, int take) =>
        Query.Where(r => r.AgentId == agentId && r.UserId == userId)
            .OrderByDescending(r => r.QueuedAt).ThenByDescending(r => r.Id)
            .Skip(skip).Take(take)
            .AsNoTracking();
}

/// <summary>The user's manual runs queued since an instant (the per-user rate limit, counted in the database).</summary>
public sealed class ManualRunsSinceSpec : Specification<SyncRun>
{
    public ManualRunsSinceSpec(string userId, DateTime since) =>
        Query.Where(r => r.UserId == userId && r.Trigger == SyncTrigger.Manual && r.QueuedAt >= since)
            .OrderBy(r => r.QueuedAt)
            .AsNoTracking();
}

/// <summary>Runs not yet ended and last queued before an instant, oldest first: what the sweeper looks at.</summary>
public sealed class UnfinishedRunsQueuedBeforeSpec : Specification<SyncRun>
{
    public UnfinishedRunsQueuedBeforeSpec(DateTime before, int take) =>
        Query.Where(r => (r.Status == SyncRunStatus.Queued || r.Status == SyncRunStatus.Running) && r.LastQueuedAt < before)
            .OrderBy(r => r.LastQueuedAt)
            .Take(take);
}
