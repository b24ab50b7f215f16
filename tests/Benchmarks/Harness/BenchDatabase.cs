using Microsoft.Data.Sqlite;
using Npgsql;

namespace VapiAgents.Benchmarks.Harness;

/// <summary>
/// Where a scenario's data lives: a data folder (the SQLite file, generated development keys) and, on
/// PostgreSQL, a database of its own on the server of <c>VAPIAGENTS_TEST_POSTGRES</c> (default postgres/postgres
/// on 127.0.0.1:5432), dropped afterwards unless it is a cached data set.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly bool _dropOnDispose;

    private BenchDatabase(BenchProvider provider, string dataFolder, string? postgresName, bool dropOnDispose)
    {
        Provider = provider;
        DataFolder = dataFolder;
        PostgresName = postgresName;
        _dropOnDispose = dropOnDispose;
    }

    public BenchProvider Provider { get; }

    public string DataFolder { get; }

    public string? PostgresName { get; }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("VAPIAGENTS_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Timeout=5;Command Timeout=600";

    public string ConnectionString => Provider == BenchProvider.Sqlite
        ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataFolder, "vapiagents.db") }.ToString()
        : new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = PostgresName }.ToString();

    /// <summary>The product settings that point the app (or the in-process services) at this database.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["DataFolder"] = DataFolder,
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Default"] = ConnectionString,
    };

    /// <summary>A fresh, empty database in a new temporary folder.</summary>
    public static async Task<BenchDatabase> CreateAsync(BenchProvider provider, string purpose)
    {
        var folder = Directory.CreateTempSubdirectory($"vapiagents-bench-{purpose}-").FullName;
        if (provider == BenchProvider.Sqlite)
        {
            return new BenchDatabase(provider, folder, null, dropOnDispose: true);
        }

        var name = $"vapiagents_bench_{purpose}_{Guid.NewGuid():N}";
        await ExecuteAdminAsync($"CREATE DATABASE \"{name}\"");
        return new BenchDatabase(provider, folder, name, dropOnDispose: true);
    }

    /// <summary>
    /// A cached data set: the folder (SQLite) or database (PostgreSQL) named <paramref name="name"/>, or null when
    /// it does not exist yet. Cached data sets are never dropped by the harness.
    /// </summary>
    public static async Task<BenchDatabase?> OpenCachedAsync(BenchProvider provider, string cacheFolder, string name)
    {
        var folder = Path.Combine(cacheFolder, $"{name}-{provider.ToString().ToLowerInvariant()}");
        if (provider == BenchProvider.Sqlite)
        {
            return File.Exists(Path.Combine(folder, "vapiagents.db")) ? new BenchDatabase(provider, folder, null, dropOnDispose: false) : null;
        }

        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
        exists.Parameters.AddWithValue("name", name);
        return await exists.ExecuteScalarAsync() is null || !Directory.Exists(folder)
            ? null
            : new BenchDatabase(provider, folder, name, dropOnDispose: false);
    }

    /// <summary>Makes a freshly generated database the cached data set <paramref name="name"/>, in one rename (a half-built set is never found).</summary>
    public async Task<BenchDatabase> KeepAsAsync(string cacheFolder, string name)
    {
        var folder = Path.Combine(cacheFolder, $"{name}-{Provider.ToString().ToLowerInvariant()}");
        Directory.CreateDirectory(cacheFolder);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (Provider == BenchProvider.PostgreSql)
        {
            await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            await ExecuteAdminAsync($"ALTER DATABASE \"{PostgresName}\" RENAME TO \"{name}\"");
        }

        Directory.Move(DataFolder, folder);
        return new BenchDatabase(Provider, folder, Provider == BenchProvider.PostgreSql ? name : null, dropOnDispose: false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_dropOnDispose)
        {
            return;
        }

        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (PostgresName is not null)
        {
            await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)");
        }

        if (Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }

    private static async Task ExecuteAdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
