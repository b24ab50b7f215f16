using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using VapiAgents.Application.Common.Telemetry;
using VapiAgents.Infrastructure.Common;

namespace VapiAgents.WebApi.Configurations;

/// <summary>
/// OpenTelemetry: traces (ASP.NET Core, HttpClient with W3C context, EF Core, Npgsql, the product's own spans)
/// and metrics (the product's instruments, runtime, ASP.NET Core). OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set; a Prometheus scrape endpoint at <c>/metrics</c> when <c>Telemetry:Prometheus:Enabled</c>.
/// </summary>
public static class TelemetryConfig
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var prometheus = Prometheus(configuration).Enabled;
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        // Every log line written inside a span carries its trace and span ids (scopes of the console formatter, OTLP logs).
        services.Configure<LoggerFactoryOptions>(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("vapiagents"))
            .WithTracing(tracing => tracing
                .AddSource(VapiAgentsTelemetry.Name)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                // Requests to notification receivers are not traced: their URL (Slack's, a webhook's) is a secret.
                .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage =
                    request => !request.Options.TryGetValue(VapiAgents.Infrastructure.Notifications.NotificationHttp.Untraced, out var untraced) || !untraced)
                .AddEntityFrameworkCoreInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(VapiAgentsTelemetry.Name)
                    .AddRuntimeInstrumentation()
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (otlp)
        {
            builder.UseOtlpExporter();
        }

        return services;
    }

    /// <summary>
    /// <c>/metrics</c>, unauthenticated: expose it on an internal port or network only. With
    /// <c>Telemetry:Prometheus:Port</c> it answers only on that port (add the port to ASPNETCORE_URLS).
    /// </summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var options = Prometheus(app.Configuration);
        if (!options.Enabled)
        {
            return app;
        }

        var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
        if (options.Port is { } port)
        {
            endpoint.RequireHost($"*:{port}");
        }

        return app;
    }

    private static PrometheusOptions Prometheus(IConfiguration configuration) =>
        configuration.Read<PrometheusOptions>(PrometheusOptions.Section, (options, section) =>
            options.Port is < 1 or > 65535 ? [$"{section}:Port must be a TCP port, 1 to 65535; it is {options.Port}."] : []);
}
