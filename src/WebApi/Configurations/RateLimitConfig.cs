using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using VapiAgents.Application.Common.Limits;
using VapiAgents.Infrastructure.Common;

namespace VapiAgents.WebApi.Configurations;

/// <summary>Configuration section <c>RateLimits</c>. Limits are per instance (see docs/adr/011).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Per user: metrics, CSV exports, key verification, webhook secrets.</summary>
    public int ExpensivePerMinute { get; set; } = 120;

    /// <summary>Per client address (an IPv6 client's /64): register, login, refresh (on top of Identity's per-account lockout).</summary>
    public int SignInPerMinute { get; set; } = 30;

    /// <summary>Per agent: webhook deliveries.</summary>
    public int WebhooksPerMinute { get; set; } = 600;
}

public static class RateLimitConfig
{
    public const string Expensive = "expensive";
    public const string SignIn = "sign-in";
    public const string Webhooks = "webhooks";
    private const int ExportRetryAfterSeconds = 5;

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        // The limiters are built while services are registered, so both sections are read (and checked) now.
        var limits = configuration.Read<RateLimitOptions>(RateLimitOptions.Section, WebApiOptionsRules.RateLimits);
        var caps = configuration.Read<LimitsOptions>(LimitsOptions.Section, OptionsRules.Limits);
        services.AddRateLimiter(options =>
        {
            // The global limiter runs before the endpoint's and its lease is held until the response has been
            // written, so a streamed export keeps its permit until the stream ends or the client goes away.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.GetEndpoint()?.Metadata.GetMetadata<ConcurrentExportsMarker>() is null
                    ? RateLimitPartition.GetNoLimiter("")
                    : RateLimitPartition.GetConcurrencyLimiter("export:" + Caller(context), _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = caps.ConcurrentExportsPerUser,
                        QueueLimit = 0,
                    }));
            options.AddPolicy(Expensive, context => PerMinute(Caller(context), limits.ExpensivePerMinute));
            options.AddPolicy(SignIn, context => PerMinute(ClientAddress.PartitionKey(context.Connection.RemoteIpAddress), limits.SignInPerMinute));
            options.AddPolicy(Webhooks, context => PerMinute(WebhookAgent(context), limits.WebhooksPerMinute));
            options.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>At most <see cref="LimitsOptions.ConcurrentExportsPerUser"/> of these streams per user at once on this instance.</summary>
    public static TBuilder RequireConcurrentExportLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ConcurrentExportsMarker());

    private static string Caller(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? $"user:{user}" : ClientAddress.PartitionKey(context.Connection.RemoteIpAddress);

    /// <summary>The parsed agent id: upper case, no hyphens or braces are the same agent, so the same bucket.</summary>
    private static string WebhookAgent(HttpContext context) =>
        Guid.TryParse(context.Request.RouteValues["agentId"]?.ToString(), out var agent) ? $"agent:{agent:N}" : "agent:unparsed";

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits,
            TokensPerPeriod = permits,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        // A concurrency limit has no refill time: an export usually ends within seconds.
        var concurrent = !context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                         && http.GetEndpoint()?.Metadata.GetMetadata<ConcurrentExportsMarker>() is not null;
        var retryAfter = wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(concurrent ? ExportRetryAfterSeconds : 60);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = concurrent
                    ? "Too many exports at once (Limits:ConcurrentExportsPerUser); try again when one has finished, after the time in Retry-After."
                    : "Too many requests of this kind; try again after the time in Retry-After.",
            },
        });
    }

    /// <summary>Endpoint metadata: the route streams an export and counts against the per-user concurrency cap.</summary>
    private sealed class ConcurrentExportsMarker;
}
