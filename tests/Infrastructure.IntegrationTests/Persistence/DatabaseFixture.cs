using Microsoft.EntityFrameworkCore;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.TestSupport;

namespace VapiAgents.Infrastructure.IntegrationTests.Persistence;

/// <summary>A migrated database of one provider, shared by a test class; new contexts on demand.</summary>
public abstract class DatabaseFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly TempFolder _folder = new("db");
    private TestDatabase? _postgres;
    private string? _connectionString;
    private bool _unavailable;

    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString
    {
        get
        {
            Skip.If(_unavailable, PostgresTestServer.HowToStart);
            return _connectionString!;
        }
    }

    public ApplicationDbContext NewContext() => ProviderContexts.Create(Provider, ConnectionString);

    public async Task InitializeAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            try
            {
                _postgres = await PostgresTestServer.CreateDatabaseAsync("infra");
            }
            catch (SkipException)
            {
                _unavailable = true;
                return;
            }

            _connectionString = _postgres.ConnectionString;
        }
        else
        {
            _connectionString = $"Data Source={Path.Combine(_folder.Path, "infra.db")}";
        }

        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}

public sealed class SqliteDatabaseFixture() : DatabaseFixture(DatabaseProvider.Sqlite);

public sealed class PostgreSqlDatabaseFixture() : DatabaseFixture(DatabaseProvider.PostgreSql);
