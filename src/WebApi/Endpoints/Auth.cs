using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using VapiAgents.Application.Accounts.Commands.SignOut;
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
            .AddEndpointFilter<ExistingAccountRegisterFilter>()
            .AddEndpointFilter<PasswordChangeFailureFilter>()
            .MapIdentityApi<ApplicationUser>();

        identity.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && (Throttled.Contains(route.RoutePattern.RawText, StringComparer.OrdinalIgnoreCase) || ChangesPassword(route)))
            {
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(RateLimitConfig.SignIn));
            }
        });

        app.MapPost("/api/auth/logout", Logout).WithName(nameof(Logout)).WithTags("Auth")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitConfig.SignIn)
            .WithSummary("Signs the caller out everywhere.")
            .WithDescription("Revokes every refresh token of the account at once (a new security stamp); its access tokens stop working within " +
                "Authentication:SecurityStampValidationSeconds (60 s). Sign in again to get new tokens.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    public static async Task<NoContent> Logout(ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new SignOutCommand(), cancellationToken);
        return TypedResults.NoContent();
    }

    // POST manage/info changes the password when given the old one: guessing it is throttled like sign-in.
    private static bool ChangesPassword(RouteEndpointBuilder route) =>
        string.Equals(route.RoutePattern.RawText, "/api/auth/manage/info", StringComparison.OrdinalIgnoreCase)
        && route.Metadata.OfType<HttpMethodMetadata>().Any(m => m.HttpMethods.Contains(HttpMethods.Post));
}
