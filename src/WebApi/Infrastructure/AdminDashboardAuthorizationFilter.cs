using Hangfire.Dashboard;
using VapiAgents.Infrastructure.Identity;
using VapiAgents.WebApi.Authentication;

namespace VapiAgents.WebApi.Infrastructure;

/// <summary>The Hangfire dashboard is for operators: Hangfire answers 401 to anonymous callers and 403 to other users.</summary>
public sealed class AdminDashboardAuthorizationFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().User is var user && user.IsInRole(AdminOptions.Role) && !user.IsAccessToken();
}
