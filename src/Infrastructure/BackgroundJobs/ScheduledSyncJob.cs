using Hangfire;
using Mediator;
using VapiAgents.Application.Sync.Commands.EnqueueScheduledSyncs;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>The recurring job <c>sync-active-agents</c>: queues one scheduled sync per agent due.</summary>
public sealed class ScheduledSyncJob(ISender sender)
{
    public const string RecurringJobId = "sync-active-agents";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new EnqueueScheduledSyncsCommand(), cancellationToken);
}
