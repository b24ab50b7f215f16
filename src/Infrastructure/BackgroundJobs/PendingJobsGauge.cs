using Hangfire;
using Microsoft.Extensions.Hosting;
using VapiAgents.Application.Common.Telemetry;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>Feeds <c>vapiagents.jobs.pending</c> from this host's job storage (enqueued plus scheduled jobs).</summary>
public sealed class PendingJobsGauge(VapiAgentsTelemetry telemetry, JobStorage storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        telemetry.ObservePendingJobs(Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private long Count()
    {
        try
        {
            var statistics = storage.GetMonitoringApi().GetStatistics();
            return statistics.Enqueued + statistics.Scheduled;
        }
        catch (Exception)
        {
            // A collection must not fail because the database is briefly away; the gauge shows 0 for that scrape.
            return 0;
        }
    }
}
