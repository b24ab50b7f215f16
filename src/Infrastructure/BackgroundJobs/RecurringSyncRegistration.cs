using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Sync;

namespace VapiAgents.Infrastructure.BackgroundJobs;

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
