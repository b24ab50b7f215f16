using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace VapiAgents.Infrastructure.Persistence.Providers;

// Used by `dotnet ef` to create each provider's context without starting the web host.
// The connection strings only shape the SQL; migrations are added without a server.

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlApplicationDbContext>
{
    public PostgreSqlApplicationDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgreSqlApplicationDbContext>)ProviderSetup
            .UsePostgreSql(new DbContextOptionsBuilder<PostgreSqlApplicationDbContext>(), "Host=localhost;Database=vapiagents;Username=postgres").Options);
}
