using Hangfire;
using Mediator;
using VapiAgents.Application.Sync;
using VapiAgents.Application.Sync.Commands.ExecuteSyncRun;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>Queues a run on Hangfire's shared storage, so any instance may execute it.</summary>
public sealed class HangfireSyncJobQueue(IBackgroundJobClient jobs) : ISyncJobQueue
{
    public void EnqueueRun(Guid runId) => jobs.Enqueue<SyncRunJob>(job => job.RunAsync(runId, CancellationToken.None));
}

/// <summary>
/// A thin job: it only sends the command. Hangfire must not retry it — a failed run is recorded on the run
/// and the agent, and the next sync picks up where it stopped.
/// </summary>
public sealed class SyncRunJob(ISender sender)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken) =>
        await sender.Send(new ExecuteSyncRunCommand(runId), cancellationToken);
}
