using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Sync;

public static class SyncApi
{
    public static async Task<JsonElement> SyncAsync(HttpClient client, Guid agentId, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["agentId"] = agentId };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            body[property.Name] = property.GetValue(extra);
        }

        var response = await client.PostAsJsonAsync("/api/vapi/sync", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return (await response.JsonAsync()).GetProperty("sync");
    }

    /// <summary>Polls a run until it has finished.</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient client, string syncId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var run = (await client.GetFromJsonAsync<JsonElement>($"/api/vapi/sync/{syncId}")).GetProperty("sync");
            if (run.GetProperty("status").GetString() is "succeeded" or "partial" or "failed" || DateTime.UtcNow > deadline)
            {
                return run;
            }

            await Task.Delay(50);
        }
    }
}
