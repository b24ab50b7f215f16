using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using VapiAgents.Application.Common.Vapi;
using VapiAgents.Infrastructure.Common;

namespace VapiAgents.Infrastructure.Vapi;

public static class VapiHttp
{
    public const string ClientName = "vapi";

    /// <summary>The typed Vapi client with bounded, jittered retries that honour (a capped) Retry-After.</summary>
    public static IServiceCollection AddVapiClient(this IServiceCollection services)
    {
        services.AddValidatedOptions<VapiOptions>(VapiOptions.Section, OptionsRules.Vapi);
        var vapi = services.AddHttpClient<IVapiClient, VapiClient>(ClientName, (provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<VapiOptions>>().Value;
                client.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
                // Per-attempt limits come from the resilience pipeline; this only stops a stuck stream.
                client.Timeout = Timeout.InfiniteTimeSpan;
            });
        vapi.AddResilienceHandler("vapi-retries", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<VapiOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(0, options.MaxRetries),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(options.RetryBaseDelaySeconds),
                    MaxDelay = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds),
                    ShouldRetryAfterHeader = false,
                    DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result, options.MaxRetryDelaySeconds)),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
            });
        // Inside the retries, so every attempt is counted.
        vapi.AddHttpMessageHandler<Telemetry.VapiRequestMetricsHandler>();
        services.AddTransient<Telemetry.VapiRequestMetricsHandler>();
        // Hosts without the Application layer (benchmarks, integration fixtures) still count Vapi requests.
        services.AddMetrics();
        services.TryAddSingleton<Application.Common.Telemetry.VapiAgentsTelemetry>();
        return services;
    }

    /// <summary>The delay Vapi asked for (seconds or an HTTP date), capped; null lets the backoff decide.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, double capSeconds)
    {
        if (response is null || response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        var header = response.Headers.RetryAfter;
        TimeSpan? asked = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (asked is null && response.Headers.TryGetValues("X-RateLimit-Reset", out var reset)
            && long.TryParse(reset.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var unixSeconds))
        {
            asked = DateTimeOffset.FromUnixTimeSeconds(unixSeconds) - DateTimeOffset.UtcNow;
        }

        if (asked is null)
        {
            return null;
        }

        var cap = TimeSpan.FromSeconds(capSeconds);
        return asked < TimeSpan.Zero ? TimeSpan.Zero : asked > cap ? cap : asked;
    }
}
