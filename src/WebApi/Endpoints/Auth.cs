using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
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

    private static readonly Dictionary<string, (string Summary, string Description, int[] Problems)> IdentityRouteDocs = new()
    {
        ["POST /api/auth/register"] = ("Creates an account.", "E-mail and password (8 characters or more); then sign in with POST /api/auth/login.", []),
        ["POST /api/auth/login"] = ("Signs in and answers bearer tokens.",
            "Answers accessToken (sent as Authorization: Bearer) and refreshToken. Repeated failures lock the account for a while; failed sign-ins are audited.",
            [StatusCodes.Status401Unauthorized]),
        ["POST /api/auth/refresh"] = ("Exchanges a refresh token for new tokens.", "Call before the access token expires (expiresIn seconds).", [StatusCodes.Status401Unauthorized]),
        ["GET /api/auth/confirmEmail"] = ("Confirms an e-mail address.", "The link sent by e-mail, when e-mail confirmation is on.", [StatusCodes.Status401Unauthorized]),
        ["POST /api/auth/resendConfirmationEmail"] = ("Sends the confirmation e-mail again.", "Always answers 200, so it reveals no account.", [StatusCodes.Status400BadRequest]),
        ["POST /api/auth/forgotPassword"] = ("Starts a password reset.", "Sends a reset code by e-mail when the account exists; answers the same either way.", []),
        ["POST /api/auth/resetPassword"] = ("Sets a new password with a reset code.", "The code from the reset e-mail and the new password.", []),
        ["POST /api/auth/manage/2fa"] = ("Manages two-factor authentication.", "Signed-in sessions only (never a personal access token).",
            [StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]),
        ["GET /api/auth/manage/info"] = ("Your account's e-mail.", "Signed-in sessions only (never a personal access token).",
            [StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]),
        ["POST /api/auth/manage/info"] = ("Changes your e-mail or password.",
            "Send oldPassword with newPassword. Signed-in sessions only (never a personal access token); personal access tokens keep working.",
            [StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]),
    };

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
            if (endpoint is not RouteEndpointBuilder route)
            {
                return;
            }

            if (Throttled.Contains(route.RoutePattern.RawText, StringComparer.OrdinalIgnoreCase) || ChangesPassword(route))
            {
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(RateLimitConfig.SignIn));
            }

            // Identity's routes carry no documentation of their own; the contract needs a summary, a description and the 4xx answers.
            var method = route.Metadata.OfType<IHttpMethodMetadata>().FirstOrDefault()?.HttpMethods.FirstOrDefault();
            if (method is not null && IdentityRouteDocs.TryGetValue($"{method} {route.RoutePattern.RawText}", out var docs))
            {
                endpoint.Metadata.Add(new EndpointSummaryAttribute(docs.Summary));
                endpoint.Metadata.Add(new EndpointDescriptionAttribute(docs.Description));
                if (route.RoutePattern.RawText == "/api/auth/confirmEmail")
                {
                    // Its answer is inferred only while no response metadata is declared.
                    endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/plain"]));
                }

                foreach (var status in docs.Problems)
                {
                    endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
                }
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
