using System.Text.Json;
using System.Text.Json.Serialization;
using Newtonsoft.Json.Linq;
using VapiAgents.Application.AccessTokens;
using VapiAgents.Application.AccessTokens.Queries.ListAccessTokens;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Sync;
using VapiAgents.Domain.AccessTokens;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Usage;
using VapiAgents.WebApi.Endpoints;

namespace VapiAgents.WebApi.OpenApi;

/// <summary>
/// Example answers of the main routes, by operation id: real answer types serialised as the API does, so an
/// example cannot drift from its schema. Made-up values; never a real key or secret.
/// </summary>
public static class OpenApiExamples
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    private static readonly DateTime At = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

    private static readonly AgentDto Agent = new(
        Guid.Parse("0193a5c2-7f3e-7c1a-9b8e-2f4d6a8c0e12"), "Patient Scheduling", "5b0a4e2c-3d8f-4a61-9c7e-1f2a3b4c5d6e", true, "…fa09",
        At.AddSeconds(4), AgentSyncStatus.Succeeded, null, At.AddDays(-29), At.AddDays(-29), At.AddSeconds(4), null, null, AgentVerification.Valid, 10);

    private static readonly SyncRunDto SyncRun = new(
        Guid.Parse("0193a5d0-1b2c-7d3e-8f40-5a6b7c8d9e0f"), Agent.Id, SyncTrigger.Manual, SyncMode.Incremental, SyncRunStatus.Succeeded,
        At.AddMinutes(-25), At, 1250, 1200, 50, 13, 0, 0, At, At, At.AddSeconds(4), null, 0);

    private static readonly AccessTokenDto Token = new(
        Guid.Parse("0193a5e1-2c3d-7e4f-9a50-6b7c8d9e0f1a"), "Google Sheets", AccessTokenScope.Read, "va_pat_Xy3k", At, At.AddDays(90), At.AddHours(1));

    public static readonly IReadOnlyDictionary<string, JToken> Responses = new Dictionary<string, object>
    {
        [nameof(Agents.ListAgents)] = new AgentListResponse([Agent]),
        [nameof(Agents.CreateAgent)] = new AgentResponse(Agent),
        [nameof(Agents.GetAgent)] = new AgentResponse(Agent),
        [nameof(Endpoints.Sync.SyncAgent)] = new SyncRunResponse(SyncRun),
        [nameof(Endpoints.Sync.GetSync)] = new SyncRunResponse(SyncRun),
        [nameof(Endpoints.Sync.ListSyncs)] = new SyncRunListResponse([SyncRun]),
        [nameof(AccessTokens.ListAccessTokens)] = new AccessTokenListResponse([Token]),
    }.ToDictionary(e => e.Key, e => JToken.Parse(JsonSerializer.Serialize(e.Value, e.Value.GetType(), Json)));
}
