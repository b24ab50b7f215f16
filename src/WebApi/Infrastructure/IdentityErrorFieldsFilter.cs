using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.AspNetCore.Http.Metadata;

namespace VapiAgents.WebApi.Infrastructure;

/// <summary>
/// Makes Identity's endpoints answer like every other route: a field left out is a 400 naming it (Identity
/// itself would throw), and its validation errors are renamed from codes (PasswordTooShort, DuplicateEmail…)
/// to the request's fields — <c>password</c>, <c>email</c> — keeping their messages.
/// </summary>
public sealed class IdentityErrorFieldsFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (Missing(context.Arguments) is { Count: > 0 } missing)
        {
            return TypedResults.ValidationProblem(missing.ToDictionary(f => f, f => new[] { $"{f} is required." }), title: "One or more fields are invalid");
        }

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

    private static List<string> Missing(IList<object?> arguments)
    {
        var missing = new List<string>();
        foreach (var argument in arguments)
        {
            switch (argument)
            {
                case LoginRequest login:
                    Require(login.Email, "email");
                    Require(login.Password, "password");
                    break;
                case RegisterRequest register:
                    Require(register.Email, "email");
                    Require(register.Password, "password");
                    break;
                case RefreshRequest refresh:
                    Require(refresh.RefreshToken, "refreshToken");
                    break;
            }
        }

        return missing;

        void Require(string? value, string field)
        {
            if (string.IsNullOrEmpty(value))
            {
                missing.Add(field);
            }
        }
    }

    internal static string FieldOf(string code) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? "password"
        : code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) ? "email"
        : code;
}
