using System.Security.Claims;
using System.Text.Encodings.Web;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using VapiAgents.Application.AccessTokens;
using VapiAgents.Application.AccessTokens.Commands.AuthenticateAccessToken;
using VapiAgents.Application.Common.Security;

namespace VapiAgents.WebApi.Authentication;

/// <summary>
/// Authenticates <c>Authorization: Bearer va_pat_…</c>. The principal carries the user id, the token id and its
/// scope — no e-mail and no role, so an admin's token never acts as an admin.
/// </summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var sender = Context.RequestServices.GetRequiredService<ISender>();
        var grant = await sender.Send(new AuthenticateAccessTokenCommand(new SecretValue(token)), Context.RequestAborted);
        if (!grant.Valid)
        {
            return AuthenticateResult.Fail("The access token is unknown, revoked or expired.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, grant.UserId),
                new Claim(PersonalAccessTokenDefaults.TokenIdClaim, grant.TokenId.ToString()),
                new Claim(PersonalAccessTokenDefaults.ScopeClaim, grant.Scope.ToString().ToLowerInvariant()),
            ],
            PersonalAccessTokenDefaults.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), PersonalAccessTokenDefaults.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }

    /// <summary>The bearer credential when it is shaped like a personal access token, else null.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var value = header["Bearer ".Length..].Trim();
        return AccessTokenSecret.LooksLikeToken(value) ? value : null;
    }
}
