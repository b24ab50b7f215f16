using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.TestSupport;

namespace VapiAgents.WebApi.FunctionalTests.Support;

public enum Provider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// One running WebApi on one real database (a SQLite file or a fresh PostgreSQL database), shared by a
/// test class. Tests stay independent by registering users of their own.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly TestDatabase? _database;
    private readonly Action<IServiceCollection>? _services;

    /// <summary>A second instance on this app's database (its own process state, Hangfire server and data folder).</summary>
    public TestApp StartPeer(IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var folder = new TempFolder("peer");
        settings["DataFolder"] = folder.Path;
        return new TestApp(Provider, folder, database: null, settings, Environment, _services) { SharesDatabaseWith = this };
    }

    /// <summary>The app whose database this one uses (for the secrets scan of a peer).</summary>
    public TestApp? SharesDatabaseWith { get; private init; }

    private TestApp(Provider provider, TempFolder folder, TestDatabase? database, Dictionary<string, string?> settings, string environment, Action<IServiceCollection>? services = null)
    {
        _services = services;
        Provider = provider;
        _folder = folder;
        _database = database;
        Settings = settings;
        Environment = environment;
        Factory = new VapiAgentsFactory(settings, Logs, environment, services);
        Factory.StartServer();
    }

    public Provider Provider { get; }

    public Dictionary<string, string?> Settings { get; }

    public string Environment { get; }

    public LogCapture Logs { get; } = new();

    public VapiAgentsFactory Factory { get; private set; }

    public string DataFolder => _folder.Path;

    public string? PostgresConnectionString => _database?.ConnectionString ?? SharesDatabaseWith?.PostgresConnectionString;

    /// <param name="services">Service replacements applied to this host (and its restarts and peers).</param>
    public static async Task<TestApp> StartAsync(
        Provider provider, IDictionary<string, string?>? extraSettings = null, string environment = "Development", Action<IServiceCollection>? services = null)
    {
        var folder = new TempFolder("app");
        TestDatabase? database = null;
        var settings = TestSettings.Encryption();
        settings["DataFolder"] = folder.Path;
        settings["Hangfire:WorkerCount"] = "2";
        // The schedule would fire in the middle of unrelated tests; tests that need it turn it on.
        settings["Sync:Enabled"] = "false";
        settings["Alerts:Enabled"] = "false";
        // Tests sign up and query from one address all day; the limits have tests of their own.
        settings["RateLimits:SignInPerMinute"] = "100000";
        settings["RateLimits:ExpensivePerMinute"] = "100000";
        // Vapi calls retry quickly in tests; a test that needs Vapi points Vapi:BaseUrl at a simulator.
        settings["Vapi:BaseUrl"] = "http://127.0.0.1:9";
        settings["Vapi:RetryBaseDelaySeconds"] = "0.05";
        settings["Vapi:MaxRetryDelaySeconds"] = "1";
        settings["Vapi:AttemptTimeoutSeconds"] = "5";
        if (provider == Provider.PostgreSql)
        {
            database = await PostgresTestServer.CreateDatabaseAsync("app");
            settings["Database:Provider"] = "PostgreSql";
            settings["ConnectionStrings:Default"] = database.ConnectionString;
        }

        // A null value removes a default (e.g. the encryption keys) instead of setting it.
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        try
        {
            return new TestApp(provider, folder, database, settings, environment, services);
        }
        catch
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }

            folder.Dispose();
            throw;
        }
    }

    /// <summary>Stops this host and starts a new one on the same database and settings (a process restart).</summary>
    /// <param name="whileStopped">Runs after the old host stopped and before the new one starts.</param>
    public async Task RestartAsync(Func<Task>? whileStopped = null)
    {
        await Factory.DisposeAsync();
        if (whileStopped is not null)
        {
            await whileStopped();
        }

        Factory = new VapiAgentsFactory(Settings, Logs, Environment, _services);
        Factory.StartServer();
    }

    /// <summary>Every JSON/text response body any client of this app received (for secret scans).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> ResponseBodies { get; } = new();

    public HttpClient CreateClient() => Factory.CreateDefaultClient(new ResponseRecorder(ResponseBodies));

    public async Task<UserSession> RegisterAndLoginAsync(string? email = null)
    {
        var client = CreateClient();
        var (address, tokens) = await Accounts.SignUpAsync(client, email);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return new UserSession(address, Accounts.Password, tokens, client);
    }

    /// <summary>A new session of an existing account.</summary>
    public async Task<UserSession> LoginAsync(string email, string password = Accounts.Password)
    {
        var client = CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var tokens = (await login.Content.ReadFromJsonAsync<TokenResponse>())!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return new UserSession(email, password, tokens, client);
    }

    /// <summary>The secrets scan: no registered secret in any response, log line or the database, in plaintext.</summary>
    public async Task<IReadOnlyList<string>> FindLeakedSecretsAsync()
    {
        var leaks = SecretLedger.FindIn("response", ResponseBodies)
            .Concat(SecretLedger.FindIn("log", Logs.Lines))
            .ToList();
        leaks.AddRange(SecretLedger.FindIn("database", [await DatabaseSnapshot.ReadAllAsync(SharesDatabaseWith ?? this)]));
        return leaks;
    }

    public async ValueTask DisposeAsync()
    {
        // Every app ends with the scan, so a leak anywhere in any test fails the run.
        var leaks = await FindLeakedSecretsAsync();
        await Factory.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _folder.Dispose();
        if (leaks.Count > 0)
        {
            throw new InvalidOperationException("Secrets leaked:\n" + string.Join('\n', leaks));
        }
    }
}

public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

public sealed record UserSession(string Email, string Password, TokenResponse Tokens, HttpClient Client);
