using Microsoft.AspNetCore.RateLimiting;
using VapiAgents.Infrastructure.Identity;
using VapiAgents.WebApi.Configurations;
using VapiAgents.WebApi.Infrastructure;

namespace VapiAgents.WebApi.Endpoints;

/// <summary>ASP.NET Core Identity's API endpoints: register, login (bearer tokens), refresh, manage/info…</summary>
public sealed class Auth : IEndpointGroup
{
    // Guessing passwords or farming accounts goes through these; the rest need a signed-in user anyway.
    private static readonly string[] Throttled = ["/api/auth/register", "/api/auth/login", "/api/auth/refresh", "/api/auth/forgotPassword", "/api/auth/resetPassword"];

    public static void Map(IEndpointRouteBuilder app)
    {
        var identity = app.MapGroup("/api/auth")
            .WithTags("Auth")
            .AddEndpointFilter<FailedSignInAuditFilter>()
            .AddEndpointFilter<IdentityErrorFieldsFilter>()
            .MapIdentityApi<ApplicationUser>();

        identity.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && Throttled.Contains(route.RoutePattern.RawText, StringComparer.OrdinalIgnoreCase))
            {
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(RateLimitConfig.SignIn));
            }
        });
    }
}
