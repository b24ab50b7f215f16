using VapiAgents.TestSupport;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Foundation;

/// <summary>A bad configuration value stops start-up before anything runs, with one message naming its key.</summary>
public sealed class OptionsValidationTests
{
    [SkippableTheory]
    [InlineData("Sync:Schedule", "every fifteen minutes", "VapiAgents cannot start: Sync:Schedule 'every fifteen minutes' is not a cron expression")]
    [InlineData("Sync:PageSize", "5000", "VapiAgents cannot start: Sync:PageSize must be at most 1000")]
    [InlineData("Sync:LeaseSeconds", "soon", "VapiAgents cannot start: Failed to convert configuration value 'soon' at 'Sync:LeaseSeconds'")]
    [InlineData("Alerts:Schedule", "*/99 * * * *", "VapiAgents cannot start: Alerts:Schedule '*/99 * * * *' is not a cron expression")]
    [InlineData("Hangfire:QueuePollSeconds", "0", "VapiAgents cannot start: Hangfire:QueuePollSeconds must be more than 0")]
    [InlineData("Authentication:SecurityStampValidationSeconds", "-1", "VapiAgents cannot start: Authentication:SecurityStampValidationSeconds must be more than 0")]
    [InlineData("Sync:SweepSeconds", "0", "VapiAgents cannot start: Sync:SweepSeconds must be more than 0")]
    [InlineData("Vapi:BaseUrl", "api.vapi.ai", "VapiAgents cannot start: Vapi:BaseUrl 'api.vapi.ai' must be an absolute http or https URL")]
    [InlineData("Cors:AllowedOrigins:0", "https://app.example.com/dashboard", "VapiAgents cannot start: Cors:AllowedOrigins:0 'https://app.example.com/dashboard' must be an absolute http or https origin")]
    [InlineData("Cors:AllowedOrigins:0", "app.example.com", "VapiAgents cannot start: Cors:AllowedOrigins:0 'app.example.com' must be an absolute http or https origin")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.0.0.999", "VapiAgents cannot start: ForwardedHeaders:KnownProxies:0 '10.0.0.999' is not an IP address")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99", "VapiAgents cannot start: ForwardedHeaders:KnownNetworks:0 '10.0.0.0/99' is not a network in CIDR notation")]
    [InlineData("RateLimits:SignInPerMinute", "0", "VapiAgents cannot start: RateLimits:SignInPerMinute must be at least 1")]
    [InlineData("Limits:MaxRequestBodyBytes", "1000", "VapiAgents cannot start: Limits:MaxRequestBodyBytes must be at least 16384; it is 1000")]
    [InlineData("Limits:MaxRequestBodyBytes", "a lot", "VapiAgents cannot start: Failed to convert configuration value 'a lot' at 'Limits:MaxRequestBodyBytes'")]
    [InlineData("Performance:SlowRequestThresholdMs", "0", "VapiAgents cannot start: Performance:SlowRequestThresholdMs must be at least 1; it is 0")]
    [InlineData("Telemetry:Prometheus:Enabled", "sometimes", "VapiAgents cannot start: Failed to convert configuration value 'sometimes' at 'Telemetry:Prometheus:Enabled'")]
    [InlineData("Telemetry:Prometheus:Port", "70000", "VapiAgents cannot start: Telemetry:Prometheus:Port must be a TCP port, 1 to 65535; it is 70000")]
    [InlineData("OpenApi:Enabled", "sometimes", "VapiAgents cannot start: Failed to convert configuration value 'sometimes' at 'OpenApi:Enabled'")]
    public async Task ABadValue_StopsStartUp_WithOneMessageNamingTheKey(string key, string value, string message)
    {
        using var folder = new TempFolder("options");
        var settings = TestSettings.Encryption();
        settings["DataFolder"] = folder.Path;
        settings["ConnectionStrings:Default"] = $"Data Source={Path.Combine(folder.Path, "x.db")}";
        settings[key] = value;
        await using var process = WebApiProcess.Start(settings, environment: "Production");

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(1);
        process.Output.Should().ContainSingle(line => line.StartsWith(message, StringComparison.Ordinal));
        process.Output.Should().NotContain(line => line.Contains("   at "), "no stack trace, one clear message");
    }
}
