using Hangfire.Dashboard;
using VapiAgents.Infrastructure.Identity;

namespace VapiAgents.WebApi.Infrastructure;

/// <summary>The Hangfire dashboard is for operators: Hangfire answers 401 to anonymous callers and 403 to other users.</summary>
public sealed class AdminDashboardAuthorizationFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(AdminOptions.Role);
}
