using Hangfire;
using Mediator;
using VapiAgents.Application.Sync.Commands.ExecuteSyncRun;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>
/// Executes one queued run. Like every job it is thin — one command with ids — and never retried by Hangfire:
/// a failed run is recorded on the run and the agent, and the sweeper or the next sync picks up where it stopped.
/// </summary>
public sealed class SyncRunJob(ISender sender)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken) =>
        await sender.Send(new ExecuteSyncRunCommand(runId), cancellationToken);
}
