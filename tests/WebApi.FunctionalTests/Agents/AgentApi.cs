using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Agents;

/// <summary>Small helpers for the agent routes, asserting the happy path.</summary>
public static class AgentApi
{
    /// <summary>A fresh, recognisable key; registered so every app's secret scan looks for it.</summary>
    public static string NewKey(string tag = "k") => SecretLedger.Register($"vapi-test-{tag}-{Guid.NewGuid():N}");

    public static async Task<JsonElement> CreateAsync(HttpClient client, string name, string apiKey, string? agentId = null)
    {
        SecretLedger.Register(apiKey);
        var response = await client.PostAsJsonAsync("/api/vapi/agents", new { name, apiKey, agentId });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("agent").Clone();
    }

    public static Guid Id(this JsonElement agent) => agent.GetProperty("id").GetGuid();

    public static async Task<List<JsonElement>> ListAsync(HttpClient client, bool includeDeleted = false)
    {
        var response = await client.GetAsync($"/api/vapi/agents?includeDeleted={includeDeleted.ToString().ToLowerInvariant()}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("agents").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
