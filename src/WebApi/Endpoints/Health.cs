using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using VapiAgents.WebApi.Infrastructure;

namespace VapiAgents.WebApi.Endpoints;

/// <summary>Liveness (the process answers) and readiness (the database answers and is migrated). No auth.</summary>
public sealed class Health : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous().DisableRateLimiting();

        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous().DisableRateLimiting();
    }
}
