using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace VapiAgents.WebApi.Infrastructure;

/// <summary>
/// Identity names its validation errors by code (PasswordTooShort, DuplicateEmail…); every other route names
/// the field. This renames them to the request's fields — <c>password</c>, <c>email</c> — keeping the codes' messages.
/// </summary>
public sealed class IdentityErrorFieldsFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        // Identity answers Results<Ok, ValidationProblem>: the problem is nested inside.
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        if (inner is not ValidationProblem { ProblemDetails: var problem })
        {
            return result;
        }

        var renamed = problem.Errors
            .GroupBy(e => FieldOf(e.Key))
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray());
        problem.Errors.Clear();
        foreach (var (field, messages) in renamed)
        {
            problem.Errors[field] = messages;
        }

        return result;
    }

    internal static string FieldOf(string code) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? "password"
        : code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) ? "email"
        : code;
}
