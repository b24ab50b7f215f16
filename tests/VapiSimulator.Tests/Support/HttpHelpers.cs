using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VapiAgents.VapiSimulator.Tests.Support;

internal static class HttpHelpers
{
    /// <summary>A client for the simulator that sends <paramref name="key"/> as Vapi's bearer token.</summary>
    public static HttpClient Client(this SimulatorServer server, string? key = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public static async Task<List<JsonElement>> GetArrayAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"GET {path} answered {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        document.RootElement.ValueKind.Should().Be(JsonValueKind.Array, "Vapi answers lists as a bare array");
        return [.. document.RootElement.EnumerateArray().Select(element => element.Clone())];
    }

    public static async Task<JsonNode> GetNodeAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<(int Status, string Body)> SendAsync(this HttpClient client, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static bool Has(this JsonElement element, string name) => element.TryGetProperty(name, out _);

    public static string Text(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static DateTimeOffset Instant(this JsonElement element, string name) =>
        DateTimeOffset.Parse(element.Text(name), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Formats like Vapi: UTC with milliseconds.</summary>
    public static string Iso(this DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
