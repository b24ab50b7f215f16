using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VapiAgents.Infrastructure.Usage.Write;

namespace VapiAgents.Infrastructure.Persistence;

/// <summary>
/// Applies pending migrations at start-up when <c>Database:MigrateOnStartup</c> is on, then gives users whose rollups
/// predate the every-agent set their rebuild.
/// </summary>
public static class DatabaseInitialiser
{
    public static async Task InitialiseDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        if (!options.MigrateOnStartup)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitialiser));
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) on {Provider}", pending.Count, options.Provider);
            await db.Database.MigrateAsync(cancellationToken);
        }

        await Usage.Write.EveryAgentSetBackfill.RunAsync(services, logger, cancellationToken);
    }
}
