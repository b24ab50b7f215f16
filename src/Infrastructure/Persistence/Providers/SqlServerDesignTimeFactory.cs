using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace VapiAgents.Infrastructure.Persistence.Providers;

// Used by `dotnet ef` to create each provider's context without starting the web host.
// The connection strings only shape the SQL; migrations are added without a server.

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerApplicationDbContext>
{
    public SqlServerApplicationDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqlServerApplicationDbContext>)ProviderSetup
            .UseSqlServer(new DbContextOptionsBuilder<SqlServerApplicationDbContext>(), "Server=localhost;Database=VapiAgents;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
