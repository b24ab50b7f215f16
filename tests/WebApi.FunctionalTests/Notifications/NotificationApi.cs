using VapiAgents.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Notifications;

public static class NotificationApi
{
    public const string Route = "/api/vapi/notification-channels";

    /// <summary>Creates a channel (201 expected); the webhook secret and the URL go to the secrets ledger.</summary>
    public static async Task<(Guid Id, JsonElement Channel, string? Secret)> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync(Route, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        var json = await response.JsonAsync();
        var secret = json.GetProperty("secret").GetString();
        if (secret is not null)
        {
            SecretLedger.Register(secret);
        }

        var channel = json.GetProperty("channel");
        return (channel.GetProperty("id").GetGuid(), channel, secret);
    }

    public static async Task<Guid> SendTestAsync(HttpClient client, Guid channel)
    {
        var response = await client.PostAsync($"{Route}/{channel}/test", null);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, text);
        return (await response.JsonAsync()).GetProperty("deliveryId").GetGuid();
    }

    public static async Task<List<JsonElement>> DeliveriesAsync(HttpClient client, Guid channel) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"{Route}/{channel}/deliveries")).GetProperty("deliveries").EnumerateArray()];

    /// <summary>Polls the channel's deliveries until the predicate holds (or the time is up: then answers what there is).</summary>
    public static async Task<List<JsonElement>> DeliveriesWhenAsync(HttpClient client, Guid channel, Func<List<JsonElement>, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var deliveries = await DeliveriesAsync(client, channel);
            if (done(deliveries) || DateTime.UtcNow > deadline)
            {
                return deliveries;
            }

            await Task.Delay(100);
        }
    }

    public static async Task<JsonElement> ChannelAsync(HttpClient client, Guid channel) =>
        (await client.GetFromJsonAsync<JsonElement>($"{Route}/{channel}")).GetProperty("channel");

    /// <summary>The Standard Webhooks check written from the spec: v1, base64 HMAC-SHA256 of "{id}.{timestamp}.{body}" keyed with the decoded secret.</summary>
    public static bool SignatureIsValid(ReceivedHook hook, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = $"{hook.Headers["webhook-id"]}.{hook.Headers["webhook-timestamp"]}.{hook.Body}";
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed)));
        return hook.Headers["webhook-signature"].Split(' ').Any(candidate => candidate == expected);
    }
}
