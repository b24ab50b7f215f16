using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using VapiAgents.Infrastructure;
using VapiAgents.Infrastructure.Vapi;

namespace VapiAgents.Benchmarks.Harness;

/// <summary>The product's own services built in the harness's process, without the web host.</summary>
public static class ProductServices
{
    /// <summary>A fixed, benchmark-only sealing key (base64 of 32 bytes), so cached data sets stay readable.</summary>
    public const string EncryptionKey = "YmVuY2gtb25seS1rZXktMzItYnl0ZXMtbG9uZy0hISE=";

    public static Dictionary<string, string?> EncryptionSettings => new()
    {
        ["Encryption:Keys:bench"] = EncryptionKey,
        ["Encryption:ActiveKeyId"] = "bench",
    };

    /// <summary>Infrastructure (database, usage store, readers) on the given database, as the app composes it.</summary>
    public static ServiceProvider Infrastructure(BenchDatabase database)
    {
        var settings = database.Settings;
        foreach (var (key, value) in EncryptionSettings)
        {
            settings[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        // As in the app, options sections bind from the registered configuration (the usage keys read Limits).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddInfrastructure(configuration, new BenchEnvironment());
        return services.BuildServiceProvider();
    }

    /// <summary>Only the product's Vapi client (resilient HttpClient, streaming parser) against <paramref name="baseUrl"/>.</summary>
    public static ServiceProvider VapiClient(string baseUrl)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Vapi:BaseUrl"] = baseUrl }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddVapiClient();
        return services.BuildServiceProvider();
    }

    private sealed class BenchEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "VapiAgents.Benchmarks";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
