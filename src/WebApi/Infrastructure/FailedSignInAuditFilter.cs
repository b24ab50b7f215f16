using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using VapiAgents.Application.Audit;
using VapiAgents.Domain.Audit;
using VapiAgents.Infrastructure.Identity;

namespace VapiAgents.WebApi.Infrastructure;

/// <summary>
/// Puts every failed sign-in on the audit trail — of the account it was for, when there is one — with the
/// e-mail tried and the caller's address. Never the password.
/// </summary>
public sealed class FailedSignInAuditFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        // Identity answers Results<Ok<…>, EmptyHttpResult, ProblemHttpResult>: the outcome is nested inside.
        var outcome = result is INestedHttpResult nested ? nested.Result : result;
        if (!http.Request.Path.Equals("/api/auth/login", StringComparison.OrdinalIgnoreCase)
            || outcome is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status401Unauthorized } failure)
        {
            return result;
        }

        var login = context.Arguments.OfType<LoginRequest>().FirstOrDefault();
        var services = http.RequestServices;
        var account = login?.Email is { Length: > 0 } email ? await services.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email) : null;
        var reason = failure is ProblemHttpResult problem ? problem.ProblemDetails.Detail : null;
        await services.GetRequiredService<IAuditTrail>().SaveAsync(AuditEvent.Record(
            AuditActions.SignInFailed, account?.Id, null, null, $"e-mail \"{login?.Email}\" ({reason ?? "failed"})",
            http.Connection.RemoteIpAddress?.ToString(), services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime), http.RequestAborted);
        return result;
    }
}
