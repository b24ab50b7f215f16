using Microsoft.Playwright;
using VapiAgents.VapiSimulator;

namespace VapiAgents.Dashboard.BrowserTests.Support;

/// <summary>
/// One Vapi simulator, one running app and one Chromium per test collection (starting them costs more than a test).
/// Tests stay independent by signing up users of their own, each in a fresh browser context.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private SimulatorServer? _vapi;
    private DashboardApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _unavailable;

    /// <summary>Two organisations with one key and three assistants each; calls over the last ten days.</summary>
    public SimulatorServer Vapi => Started(_vapi);

    public DashboardApp App => Started(_app);

    public async Task InitializeAsync()
    {
        try
        {
            Chromium.Require();
        }
        catch (SkipException skip)
        {
            _unavailable = skip.Message;
            return;
        }

        _vapi = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Scenario = new ScenarioSpec { Seed = 9, Orgs = [new OrgSpec { Calls = 240 }, new OrgSpec { Calls = 160 }] },
        });
        _app = new DashboardApp(_vapi.BaseUrl);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>A signed-out browser tab on the dashboard, at desktop or phone size.</summary>
    public async Task<DashboardSession> OpenAsync(Viewport viewport = Viewport.Desktop)
    {
        var browser = Started(_browser);
        return await DashboardSession.OpenAsync(browser, App, viewport);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_vapi is not null)
        {
            await _vapi.DisposeAsync();
        }
    }

    private T Started<T>(T? value) where T : class
    {
        Skip.If(_unavailable is not null, _unavailable);
        return value ?? throw new InvalidOperationException("The fixture has not started.");
    }
}

// Two collections, each with its own app and browser, run side by side: the tests spend most of their time
// waiting on a browser or a server, so two at a time finish sooner than one after the other.

/// <summary>Signing in, Settings and webhooks.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboard: accounts and agents";
}

/// <summary>Sync, Overview and Usage.</summary>
[CollectionDefinition(Name)]
public sealed class MetricsCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboard: sync and metrics";
}
