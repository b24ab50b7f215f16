using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;

namespace VapiAgents.Infrastructure.Identity;

/// <summary>
/// Grants the Admin role to the signed-in users whose e-mail is listed in <c>Admin:Emails</c>.
/// Read from configuration on each request, so every instance agrees and a change needs no database update.
/// </summary>
public sealed class AdminRoleClaimsTransformation(IConfiguration configuration) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.IsInRole(AdminOptions.Role))
        {
            return Task.FromResult(principal);
        }

        var email = principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue(ClaimTypes.Name);
        if (email is null || !AdminEmails(configuration).Contains(email))
        {
            return Task.FromResult(principal);
        }

        var roles = new ClaimsIdentity([new Claim(ClaimTypes.Role, AdminOptions.Role)], "admin-emails", ClaimTypes.Name, ClaimTypes.Role);
        var transformed = new ClaimsPrincipal(principal.Identities.Append(roles));
        return Task.FromResult(transformed);
    }

    public static HashSet<string> AdminEmails(IConfiguration configuration)
    {
        var section = configuration.GetSection($"{AdminOptions.Section}:Emails");
        var listed = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => v!.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new HashSet<string>(listed, StringComparer.OrdinalIgnoreCase);
    }
}
