using Microsoft.Playwright;
using VapiAgents.VapiSimulator;

namespace VapiAgents.Dashboard.BrowserTests.Support;

/// <summary>
/// One Vapi simulator, one running app and one Chromium for all browser tests (starting them is most of the cost).
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

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboard";
}
