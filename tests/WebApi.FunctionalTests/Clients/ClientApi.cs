using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Clients;

/// <summary>Small helpers for the client routes, asserting the happy path.</summary>
public static class ClientApi
{
    public static async Task<JsonElement> CreateAsync(HttpClient client, string name, string? notes = null)
    {
        var response = await client.PostAsJsonAsync("/api/vapi/clients", new { name, notes });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return (await response.JsonAsync()).GetProperty("client");
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/vapi/clients/{id}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("client");
    }

    public static async Task<JsonElement> PutPriceAsync(HttpClient client, string owner, Guid id, object price)
    {
        var response = await client.PutAsJsonAsync($"/api/vapi/{owner}/{id}/pricing", price);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }
}
