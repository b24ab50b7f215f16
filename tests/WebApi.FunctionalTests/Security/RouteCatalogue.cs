using System.Net.Http.Json;

namespace VapiAgents.WebApi.FunctionalTests.Security;

/// <summary>How a route is reached for the isolation matrix: its method and pattern, and a request for a given id.</summary>
/// <param name="Key">"METHOD pattern" exactly as the app's endpoint table shows it.</param>
/// <param name="TakesAgentId">Routes that name one agent get the whole matrix; the others only the anonymous check.</param>
/// <param name="Request">Builds the request for an agent id (or for none).</param>
public sealed record RouteCase(string Key, bool TakesAgentId, Func<string, HttpRequestMessage> Request, bool OwnerCallDeletes = false, bool AdminOnly = false)
{
    public override string ToString() => Key;
}

/// <summary>
/// Every protected route of the product. The isolation tests compare this list with the app's endpoint
/// table, so a new route that is not listed here fails the build of trust instead of going untested.
/// </summary>
public static class RouteCatalogue
{
    private static HttpRequestMessage Send(HttpMethod method, string uri, object? body = null) =>
        new(method, uri) { Content = body is null ? null : JsonContent.Create(body) };

    public static readonly RouteCase[] All =
    [
        new("GET /api/vapi/agents", false, _ => Send(HttpMethod.Get, "/api/vapi/agents")),
        new("POST /api/vapi/agents", false, _ => Send(HttpMethod.Post, "/api/vapi/agents", new { name = "x", apiKey = "12345678" })),
        new("GET /api/vapi/agents/{id:guid}", true, id => Send(HttpMethod.Get, $"/api/vapi/agents/{id}")),
        new("PATCH /api/vapi/agents", true, id => Send(HttpMethod.Patch, $"/api/vapi/agents?id={id}", new { name = $"renamed {Guid.NewGuid():N}" })),
        new("PATCH /api/vapi/agents/{id:guid}", true, id => Send(HttpMethod.Patch, $"/api/vapi/agents/{id}", new { isActive = false })),
        new("DELETE /api/vapi/agents", true, id => Send(HttpMethod.Delete, $"/api/vapi/agents?id={id}"), OwnerCallDeletes: true),
        new("DELETE /api/vapi/agents/{id:guid}", true, id => Send(HttpMethod.Delete, $"/api/vapi/agents/{id}"), OwnerCallDeletes: true),
        new("POST /api/vapi/agents/{id:guid}/verify", true, id => Send(HttpMethod.Post, $"/api/vapi/agents/{id}/verify")),
        new("POST /api/admin/encryption/rotate", false, _ => Send(HttpMethod.Post, "/api/admin/encryption/rotate"), AdminOnly: true),
    ];

    public static IEnumerable<RouteCase> WithAgentId => All.Where(r => r.TakesAgentId);
}
