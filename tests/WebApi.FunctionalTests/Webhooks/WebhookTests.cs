using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;

namespace VapiAgents.WebApi.FunctionalTests.Webhooks;

/// <summary>Vapi's end-of-call reports posted to an agent's webhook URL, with each kind of proof.</summary>
public abstract class WebhookTests(SyncAppFixture fixture)
{
    private TestApp App => fixture.App;

    private VapiSimulation Vapi => fixture.Vapi.Simulation;

    private OrgDescription Org => fixture.Vapi.Scenario.Orgs[0];

    private async Task<(UserSession User, Guid Agent, string Secret, string Url)> AgentWithSecretAsync(string? assistant = null, int key = 0)
    {
        var user = await App.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(user.Client, $"Hooked {Guid.NewGuid():N}", Org.Keys[key], assistant)).Id();
        var response = await user.Client.PostAsync($"/api/vapi/agents/{agent}/webhook-secret", null);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        var secret = SecretLedger.Register(body.GetProperty("secret").GetString()!);
        return (user, agent, secret, body.GetProperty("url").GetString()!);
    }

    /// <summary>An end-of-call report built from one of the simulator's ended calls, as Vapi sends it.</summary>
    private JsonElement EndedCall(string? assistant = null) =>
        Vapi.Calls(Org.Keys[0], assistant).First(c => c.TryGetProperty("status", out var s) && s.GetString() == "ended"
            && c.TryGetProperty("costBreakdown", out _) && c.TryGetProperty("assistantId", out _));

    private static string Report(JsonElement call, string type = "end-of-call-report")
    {
        var message = new JsonObject
        {
            ["type"] = type,
            ["call"] = JsonNode.Parse(call.GetRawText()),
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
        foreach (var field in new[] { "cost", "endedReason", "startedAt", "endedAt", "analysis" })
        {
            if (call.TryGetProperty(field, out var value))
            {
                message[field] = JsonNode.Parse(value.GetRawText());
            }
        }

        message["artifact"] = new JsonObject { ["transcript"] = "AI: hello\nUser: a secret transcript" };
        return new JsonObject { ["message"] = message }.ToJsonString();
    }

    private async Task<HttpResponseMessage> PostAsync(Guid agent, string body, Action<HttpRequestMessage>? prove = null)
    {
        using var anonymous = App.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/vapi/webhooks/{agent}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        // A body the server refuses by its length is answered before it is sent, instead of a broken pipe.
        request.Headers.ExpectContinue = body.Length > 1024 * 1024;
        prove?.Invoke(request);
        return await anonymous.SendAsync(request);
    }

    private static Action<HttpRequestMessage> Header(string secret) => r => r.Headers.Add("X-Vapi-Secret", secret);

    private static Action<HttpRequestMessage> Bearer(string secret) => r => r.Headers.Authorization = new("Bearer", secret);

    private static Action<HttpRequestMessage> Hmac(string secret, string body, DateTimeOffset? at = null) => r =>
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds().ToString();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        r.Headers.Add("x-timestamp", timestamp);
        r.Headers.Add("x-signature", Convert.ToHexString(mac).ToLowerInvariant());
    };

    [SkippableFact]
    public async Task TheSecret_IsShownOnce_WithTheUrl_AndRotatingItRetiresTheOldOne()
    {
        var (user, agent, secret, url) = await AgentWithSecretAsync();
        var body = Report(EndedCall());

        url.Should().EndWith($"/api/vapi/webhooks/{agent}");
        secret.Should().StartWith("whsec_").And.HaveLength(49);
        (await user.Client.GetStringAsync($"/api/vapi/agents/{agent}")).Should().NotContain(secret);
        var rotated = (await (await user.Client.PostAsync($"/api/vapi/agents/{agent}/webhook-secret", null)).JsonAsync()).GetProperty("secret").GetString()!;
        SecretLedger.Register(rotated);

        (await PostAsync(agent, body, Header(secret))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await PostAsync(agent, body, Header(rotated))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [SkippableTheory]
    [InlineData("secret-header")]
    [InlineData("bearer")]
    [InlineData("hmac")]
    public async Task AnEndOfCallReport_WithEachProof_IsStored_AndALaterSyncLeavesItUnchanged(string proof)
    {
        var (user, agent, secret, _) = await AgentWithSecretAsync();
        var call = EndedCall();
        var body = Report(call);

        var response = await PostAsync(agent, body, proof switch { "bearer" => Bearer(secret), "hmac" => Hmac(secret, body), _ => Header(secret) });
        var replay = await PostAsync(agent, body, Header(secret));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.JsonAsync()).GetProperty("outcome").GetString().Should().Be("accepted");
        replay.StatusCode.Should().Be(HttpStatusCode.OK);
        var stored = await StoredTotals.ReadAsync(App, agent);
        stored.Calls.Should().Be(1);
        stored.Cost.Should().Be(call.GetProperty("cost").GetDecimal());

        var sync = await SyncApi.SyncAsync(user.Client, agent);

        sync.GetProperty("created").GetInt32().Should().Be(Vapi.Truth(Org.Keys[0]).Calls - 1, "the reported call was already stored");
        sync.GetProperty("updated").GetInt32().Should().Be(0, "the report held the call's final figures");
        (await StoredTotals.ReadAsync(App, agent)).ShouldEqual(Vapi.Truth(Org.Keys[0]));
        var deliveries = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{agent}/webhook-deliveries")).GetProperty("deliveries");
        deliveries.GetArrayLength().Should().Be(2);
        deliveries[0].GetProperty("callId").GetString().Should().Be(call.GetProperty("id").GetString());
        deliveries[1].GetProperty("proof").GetString().Should().Be(proof);
        (await DatabaseSnapshot.ReadAllAsync(App)).Should().NotContain("a secret transcript");
    }

    [SkippableFact]
    public async Task WrongMissingOrStaleProofs_Answer401_AllAlike()
    {
        var (_, agent, secret, _) = await AgentWithSecretAsync();
        var body = Report(EndedCall());

        var answers = new[]
        {
            await PostAsync(agent, body),
            await PostAsync(agent, body, Header(secret + "x")),
            await PostAsync(agent, body, Bearer("whsec_wrong")),
            await PostAsync(agent, body, Hmac(secret, body, DateTimeOffset.UtcNow.AddMinutes(-6))),
            await PostAsync(agent, body, Hmac(secret, body + " ")),
            await PostAsync(agent, body, Hmac("whsec_other", body)),
        };

        var problems = new List<string>();
        foreach (var answer in answers)
        {
            var problem = await answer.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            problems.Add(problem.GetProperty("detail").GetString()!);
        }

        problems.Distinct().Should().ContainSingle().Which.Should().Be("The webhook could not be authenticated.");
        (await StoredTotals.ReadAsync(App, agent)).Calls.Should().Be(0);
    }

    [SkippableFact]
    public async Task UnknownOrDeletedAgents_Answer401_LikeAKnownAgentWithoutProof()
    {
        var (user, agent, secret, _) = await AgentWithSecretAsync();
        var (_, known, _, _) = await AgentWithSecretAsync();
        var body = Report(EndedCall());
        (await user.Client.DeleteAsync($"/api/vapi/agents/{agent}")).EnsureSuccessStatusCode();

        var deleted = await (await PostAsync(agent, body, Header(secret))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var unknown = await (await PostAsync(Guid.NewGuid(), body, Header(secret))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var unproven = await (await PostAsync(known, body)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        // Nothing tells an agent id that exists from one that does not.
        new[] { deleted, unknown, unproven }.Select(p => (p.GetProperty("title").GetString(), p.GetProperty("detail").GetString()))
            .Distinct().Should().ContainSingle();
    }

    [SkippableTheory]
    [InlineData("99999999999999999")]
    [InlineData("253402300800000")]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854775808")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1e12")]
    public async Task ATimestampOutsideTheCalendar_Answers401_AndIsRecorded(string timestamp)
    {
        var (user, agent, secret, _) = await AgentWithSecretAsync();
        var body = Report(EndedCall());
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));

        var response = await PostAsync(agent, body, r =>
        {
            r.Headers.Add("x-timestamp", timestamp);
            r.Headers.Add("x-signature", Convert.ToHexString(mac).ToLowerInvariant());
        });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var deliveries = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{agent}/webhook-deliveries")).GetProperty("deliveries");
        deliveries.EnumerateArray().Select(d => d.GetProperty("outcome").GetString()).Should().Equal("unauthorized");
    }

    [SkippableFact]
    public async Task ACallOfAnotherAssistantOrOrganisation_Answers422()
    {
        var assistant = Org.Assistants[0].Id;
        var (_, filtered, secret, _) = await AgentWithSecretAsync(assistant);
        var otherAssistantsCall = Vapi.Calls(Org.Keys[0]).First(c => c.TryGetProperty("assistantId", out var a) && a.GetString() != assistant && c.GetProperty("status").GetString() == "ended");
        var (user, wholeOrg, orgSecret, _) = await AgentWithSecretAsync(key: 1);
        await SyncApi.SyncAsync(user.Client, wholeOrg);
        var foreignCall = Vapi.Calls(fixture.Vapi.Scenario.Orgs[1].Keys[0]).First(c => c.GetProperty("status").GetString() == "ended");

        await (await PostAsync(filtered, Report(otherAssistantsCall), Header(secret))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await PostAsync(wholeOrg, Report(foreignCall), Header(orgSecret))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [SkippableFact]
    public async Task OtherMessages_AreAcknowledged_BadBodiesAre400And413()
    {
        var (user, agent, secret, _) = await AgentWithSecretAsync();

        var status = await PostAsync(agent, Report(EndedCall(), "status-update"), Header(secret));
        var malformed = await PostAsync(agent, "{\"message\": {\"type\": ", Header(secret));
        var notAMessage = await PostAsync(agent, "[1, 2, 3]", Header(secret));
        var huge = await PostAsync(agent, "{\"message\": {\"type\": \"" + new string('x', 1_100_000) + "\"}}", Header(secret));

        (await status.JsonAsync()).GetProperty("outcome").GetString().Should().Be("ignored");
        await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await notAMessage.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await huge.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var outcomes = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{agent}/webhook-deliveries")).GetProperty("deliveries")
            .EnumerateArray().Select(d => d.GetProperty("outcome").GetString()).ToList();
        outcomes.Should().BeEquivalentTo(["ignored", "invalid", "invalid"]);
    }
}

public sealed class SqliteWebhookTests(SqliteSyncAppFixture fixture) : WebhookTests(fixture), IClassFixture<SqliteSyncAppFixture>;

public sealed class PostgreSqlWebhookTests(PostgreSqlSyncAppFixture fixture) : WebhookTests(fixture), IClassFixture<PostgreSqlSyncAppFixture>;
