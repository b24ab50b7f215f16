using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VapiAgents.WebApi.FunctionalTests.Support;

/// <summary>The real WebApi on real Kestrel (127.0.0.1, a free port) with settings of the test's choosing.</summary>
public sealed class VapiAgentsFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Replaces services after the app's own (e.g. a name resolver the test controls).</param>
    public VapiAgentsFactory(IReadOnlyDictionary<string, string?> settings, LogCapture logs, string environment = "Development", Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _services = services;
        _environment = environment;
        Logs = logs;
        UseKestrel(0);
    }

    public LogCapture Logs { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseUrls("http://127.0.0.1:0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Only the capture: it keeps every line for the secrets scan, without flooding the test output.
        builder.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        builder.ConfigureServices(services => services.AddSingleton(Logs));
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }
}
