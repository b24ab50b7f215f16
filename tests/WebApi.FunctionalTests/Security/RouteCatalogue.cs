using System.Net.Http.Json;

namespace VapiAgents.WebApi.FunctionalTests.Security;

/// <summary>What a route's id names.</summary>
public enum RouteResource
{
    None,
    Agent,
    SyncRun,
    Client,
}

/// <summary>How a route is reached for the isolation matrix: its method and pattern, and a request for a given id.</summary>
/// <param name="Key">"METHOD pattern" exactly as the app's endpoint table shows it.</param>
/// <param name="Resource">Routes that name an agent or a run get the whole matrix; the others only the anonymous check.</param>
/// <param name="Request">Builds the request for an id (ignored by routes without one).</param>
/// <param name="ProvedBySecret">No bearer token: the agent's webhook secret is the proof (see WebhookTests).</param>
public sealed record RouteCase(
    string Key, RouteResource Resource, Func<string, HttpRequestMessage> Request,
    bool OwnerCallDeletes = false, bool AdminOnly = false, bool ProvedBySecret = false)
{
    public bool TakesId => Resource != RouteResource.None && !ProvedBySecret;

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
        new("GET /api/vapi/agents", RouteResource.None, _ => Send(HttpMethod.Get, "/api/vapi/agents")),
        new("POST /api/vapi/agents", RouteResource.None, _ => Send(HttpMethod.Post, "/api/vapi/agents", new { name = "x", apiKey = "12345678" })),
        new("GET /api/vapi/agents/{id:guid}", RouteResource.Agent, id => Send(HttpMethod.Get, $"/api/vapi/agents/{id}")),
        new("PATCH /api/vapi/agents", RouteResource.Agent, id => Send(HttpMethod.Patch, $"/api/vapi/agents?id={id}", new { name = $"renamed {Guid.NewGuid():N}" })),
        new("PATCH /api/vapi/agents/{id:guid}", RouteResource.Agent, id => Send(HttpMethod.Patch, $"/api/vapi/agents/{id}", new { isActive = false })),
        new("DELETE /api/vapi/agents", RouteResource.Agent, id => Send(HttpMethod.Delete, $"/api/vapi/agents?id={id}"), OwnerCallDeletes: true),
        new("DELETE /api/vapi/agents/{id:guid}", RouteResource.Agent, id => Send(HttpMethod.Delete, $"/api/vapi/agents/{id}"), OwnerCallDeletes: true),
        new("POST /api/vapi/agents/{id:guid}/verify", RouteResource.Agent, id => Send(HttpMethod.Post, $"/api/vapi/agents/{id}/verify")),
        new("POST /api/vapi/agents/{id:guid}/webhook-secret", RouteResource.Agent, id => Send(HttpMethod.Post, $"/api/vapi/agents/{id}/webhook-secret")),
        new("GET /api/vapi/agents/{id:guid}/webhook-deliveries", RouteResource.Agent, id => Send(HttpMethod.Get, $"/api/vapi/agents/{id}/webhook-deliveries")),
        new("PUT /api/vapi/agents/{id:guid}/pricing", RouteResource.Agent, id => Send(HttpMethod.Put, $"/api/vapi/agents/{id}/pricing", new { ratePerMinute = 0.1m })),
        new("GET /api/vapi/agents/{id:guid}/pricing", RouteResource.Agent, id => Send(HttpMethod.Get, $"/api/vapi/agents/{id}/pricing")),
        new("GET /api/vapi/clients", RouteResource.None, _ => Send(HttpMethod.Get, "/api/vapi/clients")),
        new("POST /api/vapi/clients", RouteResource.None, _ => Send(HttpMethod.Post, "/api/vapi/clients", new { name = $"client {Guid.NewGuid():N}" })),
        new("GET /api/vapi/clients/{id:guid}", RouteResource.Client, id => Send(HttpMethod.Get, $"/api/vapi/clients/{id}")),
        new("PATCH /api/vapi/clients/{id:guid}", RouteResource.Client, id => Send(HttpMethod.Patch, $"/api/vapi/clients/{id}", new { notes = "changed" })),
        new("DELETE /api/vapi/clients/{id:guid}", RouteResource.Client, id => Send(HttpMethod.Delete, $"/api/vapi/clients/{id}"), OwnerCallDeletes: true),
        new("PUT /api/vapi/clients/{id:guid}/pricing", RouteResource.Client, id => Send(HttpMethod.Put, $"/api/vapi/clients/{id}/pricing", new { ratePerMinute = 0.1m })),
        new("GET /api/vapi/clients/{id:guid}/pricing", RouteResource.Client, id => Send(HttpMethod.Get, $"/api/vapi/clients/{id}/pricing")),
        new("GET /api/vapi/clients/{id:guid}/statement", RouteResource.Client, id => Send(HttpMethod.Get, $"/api/vapi/clients/{id}/statement?month=2026-11")),
        new("GET /api/vapi/metrics/compare", RouteResource.None, _ => Send(HttpMethod.Get, $"/api/vapi/metrics/compare?agentIds={Guid.NewGuid()},{Guid.NewGuid()}")),
        new("POST /api/vapi/sync", RouteResource.Agent, id => Send(HttpMethod.Post, "/api/vapi/sync", new { agentId = id })),
        new("GET /api/vapi/sync", RouteResource.Agent, id => Send(HttpMethod.Get, $"/api/vapi/sync?agentId={id}")),
        new("GET /api/vapi/sync/{syncId:guid}", RouteResource.SyncRun, id => Send(HttpMethod.Get, $"/api/vapi/sync/{id}")),
        new("GET /api/vapi/metrics", RouteResource.Agent, id => Send(HttpMethod.Get, $"/api/vapi/metrics?agentId={id}")),
        new("GET /api/vapi/metrics/export", RouteResource.Agent, id => Send(HttpMethod.Get, $"/api/vapi/metrics/export?agentId={id}&groupBy=call")),
        new("GET /api/vapi/metrics/concurrency", RouteResource.Agent, id => Send(HttpMethod.Get, $"/api/vapi/metrics/concurrency?agentId={id}")),
        new("GET /api/vapi/metrics/heatmap", RouteResource.Agent, id => Send(HttpMethod.Get, $"/api/vapi/metrics/heatmap?agentId={id}")),
        new("POST /api/vapi/webhooks/{agentId:guid}", RouteResource.Agent, id => Send(HttpMethod.Post, $"/api/vapi/webhooks/{id}", new { message = new { type = "status-update" } }), ProvedBySecret: true),
        new("GET /api/vapi/audit", RouteResource.None, _ => Send(HttpMethod.Get, "/api/vapi/audit")),
        // Budgets and alerts name ids of their own; BudgetTests and AlertTests prove those answer 404 to anyone else.
        new("GET /api/vapi/budgets", RouteResource.None, _ => Send(HttpMethod.Get, "/api/vapi/budgets")),
        new("POST /api/vapi/budgets", RouteResource.Agent, id => Send(HttpMethod.Post, "/api/vapi/budgets", new { name = "b", agentId = id, period = "month", amount = 10 })),
        new("GET /api/vapi/budgets/{id:guid}", RouteResource.None, id => Send(HttpMethod.Get, $"/api/vapi/budgets/{id}")),
        new("PATCH /api/vapi/budgets/{id:guid}", RouteResource.None, id => Send(HttpMethod.Patch, $"/api/vapi/budgets/{id}", new { amount = 5 })),
        new("DELETE /api/vapi/budgets/{id:guid}", RouteResource.None, id => Send(HttpMethod.Delete, $"/api/vapi/budgets/{id}")),
        new("GET /api/vapi/alerts", RouteResource.None, _ => Send(HttpMethod.Get, "/api/vapi/alerts")),
        new("POST /api/vapi/alerts/{id:guid}/acknowledge", RouteResource.None, id => Send(HttpMethod.Post, $"/api/vapi/alerts/{id}/acknowledge")),
        // Notification channels too: NotificationChannelTests.AnotherUsersChannel_Answers404_EverywhereLikeAnUnknownOne covers
        // every one of these routes for another user; here they get the anonymous check. E-mail channels: nothing is sent anywhere.
        new("GET /api/vapi/notification-channels", RouteResource.None, _ => Send(HttpMethod.Get, "/api/vapi/notification-channels")),
        new("POST /api/vapi/notification-channels", RouteResource.None,
            _ => Send(HttpMethod.Post, "/api/vapi/notification-channels", new { name = "n", type = "email", email = "ops@example.com" })),
        new("GET /api/vapi/notification-channels/{id:guid}", RouteResource.None, id => Send(HttpMethod.Get, $"/api/vapi/notification-channels/{id}")),
        new("PATCH /api/vapi/notification-channels/{id:guid}", RouteResource.None,
            id => Send(HttpMethod.Patch, $"/api/vapi/notification-channels/{id}", new { name = "m" })),
        new("DELETE /api/vapi/notification-channels/{id:guid}", RouteResource.None, id => Send(HttpMethod.Delete, $"/api/vapi/notification-channels/{id}")),
        new("POST /api/vapi/notification-channels/{id:guid}/rotate-secret", RouteResource.None,
            id => Send(HttpMethod.Post, $"/api/vapi/notification-channels/{id}/rotate-secret")),
        new("POST /api/vapi/notification-channels/{id:guid}/test", RouteResource.None, id => Send(HttpMethod.Post, $"/api/vapi/notification-channels/{id}/test")),
        new("GET /api/vapi/notification-channels/{id:guid}/deliveries", RouteResource.None,
            id => Send(HttpMethod.Get, $"/api/vapi/notification-channels/{id}/deliveries")),
        new("GET /api/vapi/alert-settings", RouteResource.None, _ => Send(HttpMethod.Get, "/api/vapi/alert-settings")),
        new("PUT /api/vapi/alert-settings", RouteResource.None, _ => Send(HttpMethod.Put, "/api/vapi/alert-settings", new { timezone = "UTC" })),
        new("POST /api/admin/encryption/rotate", RouteResource.None, _ => Send(HttpMethod.Post, "/api/admin/encryption/rotate"), AdminOnly: true),
        new("POST /api/admin/rollups/rebuild", RouteResource.None, _ => Send(HttpMethod.Post, "/api/admin/rollups/rebuild"), AdminOnly: true),
    ];

    public static IEnumerable<RouteCase> WithId => All.Where(r => r.TakesId);

    public static IEnumerable<RouteCase> WithBearer => All.Where(r => !r.ProvedBySecret);
}
