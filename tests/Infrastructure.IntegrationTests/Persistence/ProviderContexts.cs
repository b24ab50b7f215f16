using Microsoft.EntityFrameworkCore;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Persistence.Providers;

namespace VapiAgents.Infrastructure.IntegrationTests.Persistence;

/// <summary>Creates the real provider contexts the product uses, configured exactly as in production.</summary>
public static class ProviderContexts
{
    public static ApplicationDbContext Create(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteApplicationDbContext(
            (DbContextOptions<SqliteApplicationDbContext>)ProviderSetup.UseSqlite(new DbContextOptionsBuilder<SqliteApplicationDbContext>(), connectionString).Options),
        DatabaseProvider.SqlServer => new SqlServerApplicationDbContext(
            (DbContextOptions<SqlServerApplicationDbContext>)ProviderSetup.UseSqlServer(new DbContextOptionsBuilder<SqlServerApplicationDbContext>(), connectionString).Options),
        DatabaseProvider.PostgreSql => new PostgreSqlApplicationDbContext(
            (DbContextOptions<PostgreSqlApplicationDbContext>)ProviderSetup.UsePostgreSql(new DbContextOptionsBuilder<PostgreSqlApplicationDbContext>(), connectionString).Options),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>A connection string that is never opened: enough to build the model and SQL for a provider.</summary>
    public static string Offline(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "Data Source=:memory:",
        DatabaseProvider.SqlServer => "Server=127.0.0.1,1;Database=none;User Id=none;Password=none;TrustServerCertificate=True",
        DatabaseProvider.PostgreSql => "Host=127.0.0.1;Port=1;Database=none;Username=none",
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
