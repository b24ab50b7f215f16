using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Alerts;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>
/// Registers (or removes, with <c>Alerts:Enabled=false</c>) the recurring evaluation at start-up. Every instance
/// does it; Hangfire keeps one job under the id and fires each occurrence once across instances.
/// </summary>
public sealed class RecurringAlertRegistration(IRecurringJobManager recurring, IOptions<AlertOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            recurring.AddOrUpdate<ScheduledAlertEvaluationJob>(
                ScheduledAlertEvaluationJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), options.Value.Schedule,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        else
        {
            recurring.RemoveIfExists(ScheduledAlertEvaluationJob.RecurringJobId);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
