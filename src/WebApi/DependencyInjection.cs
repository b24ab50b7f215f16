using System.Text.Json.Serialization;
using VapiAgents.Application.Common.Behaviours;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Limits;
using VapiAgents.Infrastructure.Common;
using VapiAgents.WebApi.Configurations;
using VapiAgents.WebApi.Infrastructure;

namespace VapiAgents.WebApi;

public static class DependencyInjection
{
    /// <summary>Cross-origin calls are refused unless their origin is listed in <c>Cors:AllowedOrigins</c>.</summary>
    public const string CorsPolicy = "configured-origins";

    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpContextCurrentUser>();
        services.AddScoped<Application.Webhooks.IWebhookUrls, WebhookUrls>();
        services.AddMediatorPipeline();
        services.AddValidatedOptions<PerformanceOptions>(PerformanceOptions.Section, OptionsRules.Performance);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Binding failures reach the exception handler in every environment, so they are answered
        // as ProblemDetails naming the field instead of a bare 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        services.ConfigureHttpJsonOptions(options =>
        {
            var json = options.SerializerOptions;
            json.MaxDepth = 32;
            json.AllowDuplicateProperties = false;
            json.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });

        var maxBody = configuration.Read<LimitsOptions>(LimitsOptions.Section, OptionsRules.Limits).MaxRequestBodyBytes;
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = maxBody;
            kestrel.AddServerHeader = false;
        });

        services.AddAuthenticationAndAuthorization(configuration);
        services.AddRateLimits(configuration);
        services.AddTrustedProxies(configuration);
        var origins = configuration.Read<CorsOriginsOptions>(CorsOriginsOptions.Section, WebApiOptionsRules.Cors).AllowedOrigins;
        services.AddCors(options => options.AddPolicy(CorsPolicy, policy =>
            policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Location", "Retry-After", "Content-Disposition")));
        services.AddOpenApiDocumentation();
        // Its one value is a bool?, which the binder checks (OpenApi:Enabled=sometimes stops start-up); no rule beyond that.
        services.AddValidatedOptions<OpenApiOptions>(OpenApiOptions.Section, (_, _) => []);
        services.AddTelemetry(configuration);
        return services;
    }
}
