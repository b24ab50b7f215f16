using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.AccessTokens;

/// <summary>Creating personal access tokens and clients that use them.</summary>
public static class AccessTokenApi
{
    /// <returns>The token as listed, and its secret (registered for the secrets scan).</returns>
    public static async Task<(JsonElement Token, string Secret)> CreateAsync(HttpClient session, string scope, string? name = null, int? expiresInDays = null)
    {
        var response = await session.PostAsJsonAsync("/api/auth/tokens", new { name = name ?? $"script {Guid.NewGuid():N}", scope, expiresInDays });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        using var document = JsonDocument.Parse(text);
        var secret = SecretLedger.Register(document.RootElement.GetProperty("secret").GetString()!);
        return (document.RootElement.GetProperty("token").Clone(), secret);
    }

    public static HttpClient ClientWith(TestApp app, string secret)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public static async Task<List<JsonElement>> ListAsync(HttpClient session)
    {
        var response = await session.GetAsync("/api/auth/tokens");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.JsonAsync()).GetProperty("tokens").EnumerateArray().ToList();
    }
}
