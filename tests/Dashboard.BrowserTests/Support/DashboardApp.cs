using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.TestSupport;

namespace VapiAgents.Dashboard.BrowserTests.Support;

/// <summary>The real WebApi on real Kestrel (127.0.0.1, a free port) with its own SQLite file, talking to a Vapi simulator.</summary>
public sealed class DashboardApp : WebApplicationFactory<Program>
{
    private readonly TempFolder _folder = new("dashboard");
    private readonly string _vapiBaseUrl;

    public DashboardApp(string vapiBaseUrl)
    {
        _vapiBaseUrl = vapiBaseUrl;
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
    }

    /// <summary>Like "http://127.0.0.1:41234".</summary>
    public string BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseUrls("http://127.0.0.1:0");
        // Development generates its encryption key into the data folder.
        builder.UseSetting("DataFolder", _folder.Path);
        builder.UseSetting("Vapi:BaseUrl", _vapiBaseUrl);
        builder.UseSetting("Hangfire:WorkerCount", "2");
        // Small pages, so a sync of a few hundred calls takes several requests and shows progress on the way;
        // no recurring schedule, so only the tests start syncs.
        builder.UseSetting("Sync:PageSize", "50");
        builder.UseSetting("Sync:Enabled", "false");
        // Every test signs up and in from 127.0.0.1; the per-address limit is the functional tests' subject.
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        // Notification channels point at receivers the tests start on 127.0.0.1, which the SSRF guard refuses otherwise.
        builder.UseSetting("Notifications:AllowPrivateNetworks", "true");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }
}
