using Microsoft.AspNetCore.Authorization;

namespace VapiAgents.WebApi.Authentication;

/// <summary>
/// What a personal access token may reach: <c>/api/vapi/*</c> only (never tokens, the password or admin routes),
/// and with the <c>read</c> scope only GET and HEAD. Sessions pass untouched. A refusal answers 403.
/// </summary>
public sealed class PersonalAccessTokenRequirement : AuthorizationHandler<PersonalAccessTokenRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PersonalAccessTokenRequirement requirement)
    {
        if (!context.User.IsAccessToken())
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var request = (context.Resource as HttpContext)?.Request;
        var reachable = request is not null
            && request.Path.StartsWithSegments(PersonalAccessTokenDefaults.AllowedPathPrefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
        var allowed = reachable && (context.User.HasClaim(PersonalAccessTokenDefaults.ScopeClaim, "write")
            || HttpMethods.IsGet(request!.Method) || HttpMethods.IsHead(request.Method));
        if (allowed)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, reachable
                ? "A read token may only read (GET)."
                : "Personal access tokens reach /api/vapi/* only."));
        }

        return Task.CompletedTask;
    }
}
