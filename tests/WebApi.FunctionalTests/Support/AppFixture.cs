using VapiAgents.TestSupport;
using VapiAgents.VapiSimulator;

namespace VapiAgents.WebApi.FunctionalTests.Support;

/// <summary>
/// One running app per test class and provider, talking to its own Vapi simulator. Without a PostgreSQL
/// server the PostgreSQL fixture stays empty and its tests skip (by hand) — under CI it fails instead.
/// </summary>
public abstract class AppFixture(Provider provider) : IAsyncLifetime
{
    private TestApp? _app;
    private SimulatorServer? _vapi;
    private bool _unavailable;

    public Provider Provider { get; } = provider;

    public TestApp App
    {
        get
        {
            Skip.If(_unavailable, PostgresTestServer.HowToStart);
            return _app ?? throw new InvalidOperationException("The fixture has not started.");
        }
    }

    /// <summary>Two organisations with two keys each, three assistants each, a few hundred calls.</summary>
    public SimulatorServer Vapi => _vapi ?? throw new InvalidOperationException("The fixture has not started.");

    protected virtual ScenarioSpec Scenario() => new()
    {
        Seed = 7,
        Orgs = [new OrgSpec { KeyCount = 2, Calls = 300 }, new OrgSpec { KeyCount = 2, Calls = 200 }],
    };

    protected virtual IDictionary<string, string?> Settings() => new Dictionary<string, string?>();

    /// <summary>Service replacements for the app (e.g. a name resolver the test controls); none by default.</summary>
    protected virtual Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? Services() => null;

    public async Task InitializeAsync()
    {
        if (Provider == Provider.PostgreSql)
        {
            try
            {
                await PostgresTestServer.RequireAsync();
            }
            catch (SkipException)
            {
                _unavailable = true;
                return;
            }
        }

        _vapi = await SimulatorServer.StartAsync(new SimulatorOptions { Scenario = Scenario() });
        foreach (var key in _vapi.Scenario.Orgs.SelectMany(o => o.Keys))
        {
            SecretLedger.Register(key);
        }

        var settings = Settings();
        settings["Vapi:BaseUrl"] = _vapi.BaseUrl;
        _app = await TestApp.StartAsync(Provider, settings, services: Services());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_vapi is not null)
        {
            await _vapi.DisposeAsync();
        }
    }
}

public sealed class SqliteAppFixture() : AppFixture(Provider.Sqlite);

public sealed class PostgreSqlAppFixture() : AppFixture(Provider.PostgreSql);
