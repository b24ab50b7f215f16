using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Retention;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>
/// Registers (or removes, with <c>Retention:Enabled=false</c>) the daily purge at start-up. Every instance does it;
/// Hangfire keeps one job under the id and fires each occurrence once across instances.
/// </summary>
public sealed class RecurringRetentionRegistration(IRecurringJobManager recurring, IOptions<RetentionOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            recurring.AddOrUpdate<RetentionJob>(
                RetentionJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), options.Value.Schedule,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        else
        {
            recurring.RemoveIfExists(RetentionJob.RecurringJobId);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
