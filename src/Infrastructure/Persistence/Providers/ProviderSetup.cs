using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace VapiAgents.Infrastructure.Persistence.Providers;

/// <summary>
/// Registers <see cref="ApplicationDbContext"/> on the configured provider with its migration set. Contexts are
/// not pooled: pooling halved a simple read's allocation, but CI runs with it intermittently had background jobs
/// that never ran, and we could not rule it out as the cause (ADR 012).
/// </summary>
public static class ProviderSetup
{
    public static IServiceCollection AddApplicationDbContext(this IServiceCollection services, DatabaseOptions database)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<ApplicationDbContext, SqliteApplicationDbContext>(o => UseSqlite(o, database.ConnectionString));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<ApplicationDbContext, SqlServerApplicationDbContext>(o => UseSqlServer(o, database.ConnectionString));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<ApplicationDbContext, PostgreSqlApplicationDbContext>(o => UsePostgreSql(o, database.ConnectionString));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(database), database.Provider, "Unknown database provider.");
        }

        return services;
    }

    public static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__EFMigrationsHistory"))
            .AddInterceptors(new SqliteConnectionSettingsInterceptor());

    public static DbContextOptionsBuilder UseSqlServer(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure(3, TimeSpan.FromSeconds(2), null));

    // A dropped connection or a failover is retried a few times; work in explicit transactions runs inside the
    // execution strategy so the whole transaction is retried, never half of it.
    public static DbContextOptionsBuilder UsePostgreSql(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(3, TimeSpan.FromSeconds(2), null));
}
