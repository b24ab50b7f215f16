using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace VapiAgents.Infrastructure.Persistence.Providers;

/// <summary>
/// Registers <see cref="ApplicationDbContext"/> on the configured provider with its migration set, pooled when
/// <c>Database:PoolContexts</c> says so (ADR 012 has the measurements behind the default).
/// </summary>
public static class ProviderSetup
{
    public static IServiceCollection AddApplicationDbContext(this IServiceCollection services, DatabaseOptions database)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                Register<SqliteApplicationDbContext>(services, database, o => UseSqlite(o, database.ConnectionString));
                break;
            case DatabaseProvider.SqlServer:
                Register<SqlServerApplicationDbContext>(services, database, o => UseSqlServer(o, database.ConnectionString));
                break;
            case DatabaseProvider.PostgreSql:
                Register<PostgreSqlApplicationDbContext>(services, database, o => UsePostgreSql(o, database.ConnectionString));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(database), database.Provider, "Unknown database provider.");
        }

        return services;
    }

    private static void Register<TContext>(IServiceCollection services, DatabaseOptions database, Action<DbContextOptionsBuilder> configure)
        where TContext : ApplicationDbContext
    {
        if (database.PoolContexts)
        {
            services.AddDbContextPool<ApplicationDbContext, TContext>(configure);
        }
        else
        {
            services.AddDbContext<ApplicationDbContext, TContext>(configure);
        }
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
