using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Sync;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Sync;

/// <summary>
/// The <c>jobs</c> entry of <c>/health/ready</c>: Degraded while any sync run has waited in the queue past the
/// sweeper's bound (<see cref="SyncOptions.OverdueAfter"/>), or has shown running that long without a renewed lease —
/// background work is not keeping up, or not running at all. Runs renewing their lease are working, however long.
/// </summary>
public sealed class SyncJobsHealthCheck(ApplicationDbContext db, IOptions<SyncOptions> options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - options.Value.OverdueAfter;
        try
        {
            // A queued run's hold on its agent says nothing about progress; a running run's renewed lease does.
            var overdue = await db.SyncRuns.AsNoTracking()
                .Where(r => r.LastQueuedAt < cutoff && (r.Status == SyncRunStatus.Queued
                    || (r.Status == SyncRunStatus.Running && !db.SyncLeases.Any(l => l.AgentId == r.AgentId && l.RunId == r.Id && l.ExpiresAt >= now))))
                .CountAsync(cancellationToken);
            var data = new Dictionary<string, object> { ["overdueRuns"] = overdue };
            return overdue == 0
                ? HealthCheckResult.Healthy("Every queued or running sync is alive.", data)
                : HealthCheckResult.Degraded($"{overdue} sync run(s) are overdue: queued or running for longer than {options.Value.OverdueAfter.TotalSeconds:0} s with nothing working on them.", data: data);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database entry reports the outage; this one only says it cannot tell.
            return HealthCheckResult.Degraded("Sync runs could not be checked (the database is unavailable).");
        }
    }
}
