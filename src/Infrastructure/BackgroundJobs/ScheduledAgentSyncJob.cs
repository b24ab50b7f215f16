using Hangfire;
using Mediator;
using VapiAgents.Application.Sync.Commands.SyncAgentMetrics;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Infrastructure.BackgroundJobs;

public sealed class ScheduledAgentSyncJob(ISender sender)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid agentId, CancellationToken cancellationToken) =>
        await sender.Send(new SyncAgentMetricsCommand(agentId, Trigger: SyncTrigger.Scheduled), cancellationToken);
}
