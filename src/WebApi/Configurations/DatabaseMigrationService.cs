using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.WebApi.Configurations;

/// <summary>
/// Migrates the database before anything else starts: registered first, hosted services start in order,
/// and the web server only after them, so no request meets an unmigrated database.
/// </summary>
public sealed class DatabaseMigrationService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => services.InitialiseDatabaseAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
