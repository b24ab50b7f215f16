using Npgsql;
using Xunit;

namespace VapiAgents.TestSupport;

/// <summary>
/// The PostgreSQL server tests run against: <c>VAPIAGENTS_TEST_POSTGRES</c> (an admin connection string),
/// default postgres/postgres on 127.0.0.1:5432. Each test class gets a database of its own, dropped afterwards.
/// Without a server, tests skip when run by hand and fail under CI (<c>CI=true</c>).
/// </summary>
public static class PostgresTestServer
{
    public const string EnvironmentVariable = "VAPIAGENTS_TEST_POSTGRES";

    private static readonly Lazy<Task<string?>> Availability = new(ProbeAsync);

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Timeout=5;Command Timeout=120";

    public static string HowToStart =>
        $"PostgreSQL is not reachable with {EnvironmentVariable} (or the default postgres/postgres on 127.0.0.1:5432). " +
        "Start one (e.g. `apt-get install postgresql && pg_ctlcluster 15 main start` and set the postgres password), " +
        "or run .ci/run which does it.";

    public static bool RunningInCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the calling test (by hand) or fails it (CI) when there is no server.</summary>
    public static async Task RequireAsync()
    {
        var problem = await Availability.Value;
        if (problem is null)
        {
            return;
        }

        if (RunningInCi)
        {
            throw new InvalidOperationException($"CI=true but {HowToStart} ({problem})");
        }

        Skip.If(true, HowToStart);
    }

    public static async Task<TestDatabase> CreateDatabaseAsync(string purpose)
    {
        await RequireAsync();
        var name = $"vapiagents_test_{Sanitise(purpose)}_{Guid.NewGuid():N}"[..Math.Min(63, 40 + Sanitise(purpose).Length)];
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return new TestDatabase(name, builder.ConnectionString);
    }

    internal static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static string Sanitise(string purpose) =>
        new string(purpose.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c)).ToArray()) is { Length: > 0 } s
            ? s[..Math.Min(s.Length, 16)]
            : "db";

    private static async Task<string?> ProbeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            return null;
        }
        catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
        {
            return exception.GetType().Name + ": " + exception.Message;
        }
    }
}

/// <summary>A throw-away PostgreSQL database; disposing drops it.</summary>
public sealed class TestDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public ValueTask DisposeAsync() => new(PostgresTestServer.DropDatabaseAsync(Name));
}
