using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>Configuration section <c>Hangfire</c>.</summary>
public sealed class HangfireOptions
{
    public const string Section = "Hangfire";

    /// <summary>Run a Hangfire server (job processing) in this process. Dashboard and enqueueing work either way.</summary>
    public bool ServerEnabled { get; set; } = true;

    public int WorkerCount { get; set; } = Math.Min(Environment.ProcessorCount * 5, 20);

    /// <summary>Schema (PostgreSQL, SQL Server) holding Hangfire's tables.</summary>
    public string Schema { get; set; } = "hangfire";
}

/// <summary>Hangfire on the same database as the product: in-memory with SQLite, shared tables otherwise.</summary>
public static class HangfireSetup
{
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        var options = configuration.GetSection(HangfireOptions.Section).Get<HangfireOptions>() ?? new HangfireOptions();
        services.AddSingleton(options);

        services.AddHangfire((provider, config) =>
        {
            config.UseLogProvider(new HangfireLogProvider(provider.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();

            switch (database.Provider)
            {
                case DatabaseProvider.Sqlite:
                    // One process owns an embedded database, so jobs need not outlive it.
                    config.UseInMemoryStorage();
                    break;
                case DatabaseProvider.SqlServer:
                    config.UseSqlServerStorage(database.ConnectionString, new SqlServerStorageOptions { SchemaName = options.Schema });
                    break;
                case DatabaseProvider.PostgreSql:
                    config.UsePostgreSqlStorage(
                        storage => storage.UseNpgsqlConnection(database.ConnectionString),
                        new PostgreSqlStorageOptions { SchemaName = options.Schema, PrepareSchemaIfNecessary = true });
                    break;
            }
        });

        if (options.ServerEnabled)
        {
            services.AddHangfireServer(server => (server.WorkerCount, server.FilterProvider) = (Math.Max(1, options.WorkerCount), JobTracingFilter.WithGlobalFilters()));
        }

        return services;
    }
}
