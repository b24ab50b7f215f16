namespace VapiAgents.Application.Sync;

/// <summary>Runs a queued sync in the background, on whichever instance picks it up.</summary>
public interface ISyncJobQueue
{
    /// <returns>The job's id in the job storage, kept on the run so the sweeper can tell a lost job from a waiting one.</returns>
    string EnqueueRun(Guid runId);

    /// <summary>An incremental, scheduled sync of the agent; skipped when one of its syncs is already running.</summary>
    void EnqueueScheduledSync(Guid agentId);
}
