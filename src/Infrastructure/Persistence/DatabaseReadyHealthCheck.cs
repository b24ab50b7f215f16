using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VapiAgents.Infrastructure.Persistence;

/// <summary>Ready when the database answers and holds every migration this build knows.</summary>
public sealed class DatabaseReadyHealthCheck(ApplicationDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy("The database is reachable and up to date.")
                : HealthCheckResult.Unhealthy($"{pending} migration(s) are not applied.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The exception's text may hold a server address; the check answers in plain words.
            return HealthCheckResult.Unhealthy("The database cannot be reached.");
        }
    }
}
