using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace VapiAgents.Infrastructure.Identity;

/// <summary>
/// Grants the Admin role to the signed-in users whose e-mail is listed in <c>Admin:Emails</c>.
/// Taken from configuration, so every instance agrees and a change needs no database update.
/// </summary>
public sealed class AdminRoleClaimsTransformation(AdminEmailList admins) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.IsInRole(AdminOptions.Role))
        {
            return Task.FromResult(principal);
        }

        var email = principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue(ClaimTypes.Name);
        if (email is null || !admins.Contains(email))
        {
            return Task.FromResult(principal);
        }

        var roles = new ClaimsIdentity([new Claim(ClaimTypes.Role, AdminOptions.Role)], "admin-emails", ClaimTypes.Name, ClaimTypes.Role);
        var transformed = new ClaimsPrincipal(principal.Identities.Append(roles));
        return Task.FromResult(transformed);
    }
}

/// <summary>
/// The e-mails of <c>Admin:Emails</c> (a list, or one comma- or semicolon-separated value), read again whenever the
/// configuration reloads — not on every request, where walking the configuration was a measurable share of an
/// authenticated read (docs/benchmarks.md).
/// </summary>
public sealed class AdminEmailList
{
    private volatile HashSet<string> _emails;

    public AdminEmailList(IConfiguration configuration)
    {
        _emails = Read(configuration);
        ChangeToken.OnChange(configuration.GetReloadToken, () => _emails = Read(configuration));
    }

    public bool Contains(string email) => _emails.Contains(email);

    private static HashSet<string> Read(IConfiguration configuration)
    {
        var section = configuration.GetSection($"{AdminOptions.Section}:Emails");
        var listed = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => v!.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new HashSet<string>(listed, StringComparer.OrdinalIgnoreCase);
    }
}
