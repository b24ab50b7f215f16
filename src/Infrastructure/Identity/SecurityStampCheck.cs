using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace VapiAgents.Infrastructure.Identity;

/// <summary>
/// Bearer tokens are not checked against the database by Identity, so a changed password or a sign-out would
/// leave an access token working for its whole life. This compares the token's security stamp with the
/// account's, read at most once per interval per user and instance.
/// </summary>
public sealed class SecurityStampCheck(UserManager<ApplicationUser> users, IOptions<IdentityOptions> identity, SecurityStampCache stamps)
{
    /// <summary>False when the principal is one of Identity's and its stamp is no longer the account's.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        // Only Identity's own tokens carry a stamp; an external issuer's tokens are its business.
        if (principal.Identity?.IsAuthenticated != true
            || principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) is not { } offered
            || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return true;
        }

        var current = await stamps.GetAsync(userId, ReadAsync);
        if (string.Equals(current, offered, StringComparison.Ordinal))
        {
            return true;
        }

        // The remembered stamp may be older than the token (a new stamp set by another instance or the shell): ask once more.
        stamps.Forget(userId);
        current = await stamps.GetAsync(userId, ReadAsync);
        return current is not null && string.Equals(current, offered, StringComparison.Ordinal);

        async Task<string?> ReadAsync() => await users.FindByIdAsync(userId) is { } user ? await users.GetSecurityStampAsync(user) : null;
    }
}
