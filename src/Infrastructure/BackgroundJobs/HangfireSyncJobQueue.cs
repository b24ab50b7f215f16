using Hangfire;
using VapiAgents.Application.Sync;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>Queues sync work on Hangfire's shared storage, so any instance may execute it.</summary>
public sealed class HangfireSyncJobQueue(IBackgroundJobClient jobs) : ISyncJobQueue
{
    public string EnqueueRun(Guid runId) => jobs.Enqueue<SyncRunJob>(job => job.RunAsync(runId, CancellationToken.None));

    public void EnqueueScheduledSync(Guid agentId) => jobs.Enqueue<ScheduledAgentSyncJob>(job => job.RunAsync(agentId, CancellationToken.None));
}
