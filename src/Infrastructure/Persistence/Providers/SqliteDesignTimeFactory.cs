using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace VapiAgents.Infrastructure.Persistence.Providers;

// Used by `dotnet ef` to create each provider's context without starting the web host.
// The connection strings only shape the SQL; migrations are added without a server.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteApplicationDbContext>
{
    public SqliteApplicationDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqliteApplicationDbContext>)ProviderSetup
            .UseSqlite(new DbContextOptionsBuilder<SqliteApplicationDbContext>(), "Data Source=design-time.db").Options);
}
