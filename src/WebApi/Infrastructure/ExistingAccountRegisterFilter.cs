using Microsoft.AspNetCore.Http.HttpResults;

namespace VapiAgents.WebApi.Infrastructure;

/// <summary>
/// Registering an address that already has an account answers like a new one (200), so register cannot be used to
/// learn who has an account; the owner signs in with the password they already have (docs/adr/015). Other errors
/// (a weak password) are still answered, since they do not depend on who exists.
/// </summary>
public sealed class ExistingAccountRegisterFilter : IEndpointFilter
{
    private static readonly string[] ExistenceCodes = ["DuplicateUserName", "DuplicateEmail"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (!context.HttpContext.Request.Path.Equals("/api/auth/register", StringComparison.OrdinalIgnoreCase)
            || (result is INestedHttpResult nested ? nested.Result : result) is not ValidationProblem { ProblemDetails: var problem })
        {
            return result;
        }

        foreach (var code in ExistenceCodes)
        {
            problem.Errors.Remove(code);
        }

        return problem.Errors.Count == 0 ? TypedResults.Ok() : result;
    }
}
