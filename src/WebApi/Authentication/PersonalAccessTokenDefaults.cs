using System.Security.Claims;

namespace VapiAgents.WebApi.Authentication;

/// <summary>The names of the personal access token scheme and of the claims it issues.</summary>
public static class PersonalAccessTokenDefaults
{
    public const string Scheme = "PersonalAccessToken";

    /// <summary>Forwards to <see cref="Scheme"/> for a <c>va_pat_</c> bearer, else to the session schemes.</summary>
    public const string SelectorScheme = "PersonalAccessTokenOrSession";

    public const string TokenIdClaim = "va_pat_id";
    public const string ScopeClaim = "va_pat_scope";

    /// <summary>The only routes a token reaches: the product's API, never accounts, tokens or operator routes.</summary>
    public const string AllowedPathPrefix = "/api/vapi/";

    public static bool IsAccessToken(this ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == TokenIdClaim);
}
