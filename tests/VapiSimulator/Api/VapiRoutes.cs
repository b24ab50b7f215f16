using VapiAgents.VapiSimulator.Data;

namespace VapiAgents.VapiSimulator.Api;

/// <summary>Vapi's read routes for calls and assistants, scoped to the organisation of the caller's key.</summary>
internal sealed class VapiRoutes(VapiSimulation simulation)
{
    public VapiResponse ListCalls(HttpContext context)
    {
        if (Authenticate(context) is not { } org)
        {
            return VapiResponse.Unauthorized;
        }

        var query = ListQuery.Parse(context.Request.Query);
        if (query.Errors.Count > 0)
        {
            return VapiResponse.BadRequest(query.Errors);
        }

        var page = org.Calls.Page(query.Filter, query.Limit, Random.Shared);
        return VapiResponse.Ok(JsonBody.Array([.. page.Select(call => call.Json)]));
    }

    public VapiResponse GetCall(HttpContext context)
    {
        if (Authenticate(context) is not { } org)
        {
            return VapiResponse.Unauthorized;
        }

        return org.Calls.Find(RouteId(context)) is { } call
            ? VapiResponse.Ok(JsonBody.Single(call.Json))
            : VapiResponse.NotFound("Call");
    }

    public VapiResponse ListAssistants(HttpContext context)
    {
        if (Authenticate(context) is not { } org)
        {
            return VapiResponse.Unauthorized;
        }

        var query = ListQuery.Parse(context.Request.Query);
        if (query.Errors.Count > 0)
        {
            return VapiResponse.BadRequest(query.Errors);
        }

        var filter = query.Filter;
        var assistants = org.Assistants
            .Where(assistant => assistant.CreatedAt >= filter.CreatedFrom && assistant.CreatedAt <= filter.CreatedTo
                && assistant.UpdatedAt >= filter.UpdatedFrom && assistant.UpdatedAt <= filter.UpdatedTo)
            .Take(query.Limit)
            .Select(assistant => assistant.Json);
        return VapiResponse.Ok(JsonBody.Array([.. assistants]));
    }

    /// <summary>An id of another organisation, or no uuid at all, is simply not found.</summary>
    public VapiResponse GetAssistant(HttpContext context)
    {
        if (Authenticate(context) is not { } org)
        {
            return VapiResponse.Unauthorized;
        }

        return org.FindAssistant(RouteId(context)) is { } assistant
            ? VapiResponse.Ok(JsonBody.Single(assistant.Json))
            : VapiResponse.NotFound("Assistant");
    }

    public static VapiResponse UnknownRoute(HttpContext context) =>
        VapiResponse.UnknownRoute(context.Request.Method, context.Request.Path.Value ?? "/");

    /// <summary>The private key of "Authorization: Bearer &lt;key&gt;", if any.</summary>
    public static string? BearerKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }

    private OrgState? Authenticate(HttpContext context) =>
        BearerKey(context.Request) is { Length: > 0 } key ? simulation.World.OrgOfKey(key) : null;

    private static string RouteId(HttpContext context) => context.Request.RouteValues["id"] as string ?? "";
}
