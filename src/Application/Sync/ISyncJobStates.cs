namespace VapiAgents.Application.Sync;

/// <summary>What the job storage knows of a run's job: the sweeper's view of whether it will still run.</summary>
public interface ISyncJobStates
{
    SyncJobStatus StatusOf(string jobId);
}
