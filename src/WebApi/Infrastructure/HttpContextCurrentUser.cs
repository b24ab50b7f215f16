using System.Security.Claims;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Infrastructure.Identity;
using VapiAgents.WebApi.Authentication;

namespace VapiAgents.WebApi.Infrastructure;

/// <summary>The caller of the current HTTP request; null outside a request (background jobs).</summary>
public sealed class HttpContextCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public string? UserId => User?.Identity?.IsAuthenticated == true ? User.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    // A personal access token never acts as an admin, whatever its owner is.
    public bool IsAdmin => User?.IsInRole(AdminOptions.Role) == true && !User.IsAccessToken();

    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
