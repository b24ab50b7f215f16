using Hangfire;
using Mediator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Sync;
using VapiAgents.Application.Sync.Commands.EnqueueScheduledSyncs;
using VapiAgents.Application.Sync.Commands.ExecuteSyncRun;
using VapiAgents.Application.Sync.Commands.SyncAgentMetrics;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>Queues sync work on Hangfire's shared storage, so any instance may execute it.</summary>
public sealed class HangfireSyncJobQueue(IBackgroundJobClient jobs) : ISyncJobQueue
{
    public string EnqueueRun(Guid runId) => jobs.Enqueue<SyncRunJob>(job => job.RunAsync(runId, CancellationToken.None));

    public void EnqueueScheduledSync(Guid agentId) => jobs.Enqueue<ScheduledAgentSyncJob>(job => job.RunAsync(agentId, CancellationToken.None));
}

// The jobs are thin: each sends one command with ids as arguments. Hangfire must not retry them — a failed
// run is recorded on the run and the agent, and the next sync picks up where it stopped.

public sealed class SyncRunJob(ISender sender)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken) =>
        await sender.Send(new ExecuteSyncRunCommand(runId), cancellationToken);
}

/// <summary>The recurring job <c>sync-active-agents</c>: queues one scheduled sync per agent due.</summary>
public sealed class ScheduledSyncJob(ISender sender)
{
    public const string RecurringJobId = "sync-active-agents";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new EnqueueScheduledSyncsCommand(), cancellationToken);
}

public sealed class ScheduledAgentSyncJob(ISender sender)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid agentId, CancellationToken cancellationToken) =>
        await sender.Send(new SyncAgentMetricsCommand(agentId, Trigger: SyncTrigger.Scheduled), cancellationToken);
}

/// <summary>
/// Registers (or removes, with <c>Sync:Enabled=false</c>) the recurring job at start-up. Every instance does it;
/// Hangfire keeps one job under the id, and fires each occurrence once across all instances.
/// </summary>
public sealed class RecurringSyncRegistration(IRecurringJobManager recurring, IOptions<SyncOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            recurring.AddOrUpdate<ScheduledSyncJob>(
                ScheduledSyncJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), options.Value.Schedule,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        else
        {
            recurring.RemoveIfExists(ScheduledSyncJob.RecurringJobId);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
