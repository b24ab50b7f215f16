using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.TestSupport;

namespace VapiAgents.Infrastructure.IntegrationTests.Persistence;

public sealed class MigrationsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void EveryModelChange_IsHeldByAMigration(DatabaseProvider provider)
    {
        using var db = ProviderContexts.Create(provider, ProviderContexts.Offline(provider));

        db.Database.GetMigrations().Should().NotBeEmpty();
        db.Database.HasPendingModelChanges().Should().BeFalse(
            $"the model has changes no {provider} migration holds: run `dotnet ef migrations add <Name> --context {provider}ApplicationDbContext`");
    }

    [Theory]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void IdempotentScript_CanBeWrittenWithoutAServer(DatabaseProvider provider)
    {
        using var db = ProviderContexts.Create(provider, ProviderContexts.Offline(provider));

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        script.Should().Contain("__EFMigrationsHistory").And.Contain("AspNetUsers").And.Contain("DataProtectionKeys");
    }

    [Fact]
    public async Task Migrations_ApplyToAnEmptySqliteFile()
    {
        using var folder = new TempFolder("migrate");
        await using var db = ProviderContexts.Create(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder.Path, "m.db")};Pooling=false");

        await db.Database.MigrateAsync();

        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(db.Database.GetMigrations());
    }

    [SkippableFact]
    public async Task Migrations_ApplyToAnEmptyPostgreSqlDatabase()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync("migrate");
        await using var db = ProviderContexts.Create(DatabaseProvider.PostgreSql, database.ConnectionString);

        await db.Database.MigrateAsync();

        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(db.Database.GetMigrations());
    }
}
