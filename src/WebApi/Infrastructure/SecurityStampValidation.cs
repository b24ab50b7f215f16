using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;
using VapiAgents.Infrastructure.Identity;

namespace VapiAgents.WebApi.Infrastructure;

/// <summary>
/// After authentication: a token whose account signed out or changed its password counts as no token at all, so
/// the caller gets 401 (not 403) and the dashboard signs in again.
/// </summary>
public static class SecurityStampValidation
{
    public static IApplicationBuilder UseSecurityStampValidation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!await context.RequestServices.GetRequiredService<SecurityStampCheck>().IsCurrentAsync(context.User))
        {
            if (context.Features.Get<IAuthenticateResultFeature>() is { } feature)
            {
                feature.AuthenticateResult = AuthenticateResult.Fail("The account signed out or changed its password.");
            }

            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        await next(context);
    });
}
