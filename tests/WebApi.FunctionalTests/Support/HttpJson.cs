using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace VapiAgents.WebApi.FunctionalTests.Support;

public static class HttpJson
{
    public static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string uri, object body) =>
        client.PatchAsync(uri, JsonContent.Create(body));

    public static Task<HttpResponseMessage> PatchRawAsync(this HttpClient client, string uri, string json) =>
        client.PatchAsync(uri, Raw(json));
}
