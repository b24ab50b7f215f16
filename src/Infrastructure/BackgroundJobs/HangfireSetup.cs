using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VapiAgents.Infrastructure.Common;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>
/// Hangfire on the same database as the product: in-memory with SQLite, shared tables otherwise. Every host gets
/// its own job storage and job activator, registered in its container before <c>AddHangfire</c> (which only adds
/// what is missing): Hangfire's defaults are the process-wide <c>JobStorage.Current</c> and
/// <c>JobActivator.Current</c>, so with several hosts in one process the last one configured won and another
/// host's server ran jobs in its container, against its database (ADR 013).
/// </summary>
public static class HangfireSetup
{
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        var options = configuration.Read<HangfireOptions>(HangfireOptions.Section, OptionsRules.Hangfire);
        services.AddSingleton(options);
        services.AddSingleton(_ => CreateStorage(database, options));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));

        services.AddHangfire((provider, config) =>
        {
            HangfireLogBridge.Attach(provider.GetRequiredService<ILoggerFactory>());
            config.UseLogProvider(HangfireLogBridge.Provider)
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
        });

        if (options.ServerEnabled)
        {
            services.AddHangfireServer((provider, server) =>
            {
                server.WorkerCount = Math.Max(1, options.WorkerCount);
                // The job tracing filter goes to this host's server only, never to Hangfire's global filters.
                server.FilterProvider = JobTracingFilter.WithGlobalFilters();
                // The in-memory storage and the short SQL polls below make a queued job start at once; the
                // server's own idle poll only matters for storages without a wake-up.
                server.SchedulePollingInterval = TimeSpan.FromSeconds(Math.Max(0.1, options.QueuePollSeconds));
            });
        }

        return services;
    }

    private static JobStorage CreateStorage(DatabaseOptions database, HangfireOptions options) => database.Provider switch
    {
        // One process owns an embedded database, so jobs need not outlive it: the sweeper re-queues runs whose jobs
        // a restart lost.
        DatabaseProvider.Sqlite => new InMemoryStorage(),
        DatabaseProvider.SqlServer => new SqlServerStorage(database.ConnectionString, new SqlServerStorageOptions
        {
            SchemaName = options.Schema,
            QueuePollInterval = TimeSpan.FromSeconds(Math.Max(0.05, options.QueuePollSeconds)),
            SlidingInvisibilityTimeout = TimeSpan.FromSeconds(options.InvisibilityTimeoutSeconds),
        }),
        DatabaseProvider.PostgreSql => CreatePostgreSqlStorage(database.ConnectionString, PostgreSqlOptions(options)),
        _ => throw new InvalidOperationException($"Unknown database provider {database.Provider}."),
    };

    private static PostgreSqlStorage CreatePostgreSqlStorage(string connectionString, PostgreSqlStorageOptions options) =>
        new(new NpgsqlConnectionFactory(connectionString, options), options);

    // Hangfire.PostgreSql wakes only a worker of the enqueueing process; workers elsewhere poll. A short poll (not
    // LISTEN/NOTIFY, which holds a connection per waiting worker) starts a job queued on any instance within a
    // second, and the sliding invisibility timeout brings back a job fetched by a dead process within minutes.
    private static PostgreSqlStorageOptions PostgreSqlOptions(HangfireOptions options) => new()
    {
        SchemaName = options.Schema,
        PrepareSchemaIfNecessary = true,
        QueuePollInterval = TimeSpan.FromSeconds(Math.Max(0.05, options.QueuePollSeconds)),
        InvisibilityTimeout = TimeSpan.FromSeconds(options.InvisibilityTimeoutSeconds),
        UseSlidingInvisibilityTimeout = true,
    };
}
