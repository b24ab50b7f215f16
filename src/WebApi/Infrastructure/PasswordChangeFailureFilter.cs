using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using VapiAgents.Infrastructure.Identity;

namespace VapiAgents.WebApi.Infrastructure;

/// <summary>
/// A wrong current password on <c>POST /api/auth/manage/info</c> counts towards the account's lockout like a failed
/// sign-in, so a stolen access token cannot be used to guess the password without limit.
/// </summary>
public sealed class PasswordChangeFailureFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.Equals("/api/auth/manage/info", StringComparison.OrdinalIgnoreCase)
            || (result is INestedHttpResult nested ? nested.Result : result) is not ValidationProblem { ProblemDetails: var problem }
            || !problem.Errors.ContainsKey("PasswordMismatch")
            || http.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return result;
        }

        var users = http.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByIdAsync(userId) is { } user)
        {
            await users.AccessFailedAsync(user);
        }

        return result;
    }
}
