using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;

namespace VapiAgents.WebApi.FunctionalTests.RealPayloads;

/// <summary>An organisation with no generated calls: the real payloads are the only calls it has.</summary>
public abstract class RealPayloadAppFixture(Provider provider) : AppFixture(provider)
{
    protected override ScenarioSpec Scenario() => new() { Seed = 15, Orgs = [new OrgSpec { KeyCount = 1, Assistants = 1, Calls = 0 }] };

    // The captured calls are from 2024 to 2026; a sync with dates reaches them all.
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?> { ["Sync:MaxRangeDays"] = "4000" };
}

public sealed class SqliteRealPayloadAppFixture() : RealPayloadAppFixture(Provider.Sqlite);

public sealed class PostgreSqlRealPayloadAppFixture() : RealPayloadAppFixture(Provider.PostgreSql);

/// <summary>
/// Every real call object through the sync (served by the simulator as captured) and every real end-of-call report
/// through the webhook. The one change to a payload: its <c>orgId</c> becomes the simulator organisation's, because
/// the simulator serves a key only its own organisation's calls and the webhook refuses another organisation's call.
/// </summary>
public abstract class RealPayloadTests(RealPayloadAppFixture fixture)
{
    private const string From = "2020-01-01";

    private TestApp App => fixture.App;

    private VapiSimulation Vapi => fixture.Vapi.Simulation;

    private OrgDescription Org => fixture.Vapi.Scenario.Orgs[0];

    private static string To => DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task EveryRealCallObject_IsStoredBySync_AsVapiSentIt()
    {
        var samples = VapiSamples.OfKind("call");
        _ = App; // skips here where PostgreSQL is not running, before the simulator is asked for
        Vapi.AddCalls(Org.Keys[0], samples.Select(sample => InOurOrg(sample.Payload)));
        var user = await App.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(user.Client, $"Real {Guid.NewGuid():N}", Org.Keys[0])).Id();

        var sync = await SyncApi.SyncAsync(user.Client, agent, new { startDate = From, endDate = To });

        sync.GetProperty("status").GetString().Should().Be("succeeded", sync.ToString());
        sync.GetProperty("skipped").GetInt32().Should().Be(0, "every real call object is a call the product can store");
        var rows = await RowsAsync(agent);
        foreach (var (name, call) in samples)
        {
            rows.Should().ContainKey((string)call["id"]!, name);
            var row = rows[(string)call["id"]!];
            (row.Status, row.EndedReason, row.AssistantId).Should().Be(
                ((string?)call["status"], (string?)call["endedReason"], (string?)call["assistantId"]), name);
            row.Cost.Should().Be(Money.Normalize((decimal?)call["cost"] ?? 0), name);
            row.CreatedAt.Should().Be(Instant(call["createdAt"]), name);
        }
    }

    [SkippableFact]
    public async Task EveryRealEndOfCallReport_IsStoredByTheWebhook_AsAnEndedCall_ThatALaterPollDoesNotReopen()
    {
        var reports = VapiSamples.OfKind("end-of-call-report");
        var user = await App.RegisterAndLoginAsync();
        foreach (var (name, payload) in reports)
        {
            var message = payload["message"]!.AsObject();
            var call = InOurOrg(message["call"]!.AsObject());
            var callId = (string)call["id"]!;
            var agent = (await AgentApi.CreateAsync(user.Client, $"Hooked {Guid.NewGuid():N}", Org.Keys[0])).Id();
            var secretResponse = await user.Client.PostAsync($"/api/vapi/agents/{agent}/webhook-secret", null);
            var secret = SecretLedger.Register((await secretResponse.JsonAsync()).GetProperty("secret").GetString()!);

            var response = await PostAsync(agent, payload.ToJsonString(), secret);

            response.StatusCode.Should().Be(HttpStatusCode.OK, name);
            (await response.JsonAsync()).GetProperty("outcome").GetString().Should().Be("accepted", name);
            var stored = (await RowsAsync(agent))[callId];
            stored.Status.Should().Be("ended", $"{name}: a report means the call ended, though its call object says '{(string?)call["status"]}'");
            stored.EndedReason.Should().Be((string?)message["endedReason"], name);
            stored.Cost.Should().Be(Money.Normalize((decimal?)message["cost"] ?? 0), name);
            stored.UpdatedAt.Should().BeOnOrAfter(Instant(message["endedAt"] ?? message["timestamp"]), name);

            // Vapi's own answer for the call, polled later, is the object as captured (still queued or ringing).
            Vapi.AddCalls(Org.Keys[0], [call]);
            var sync = await SyncApi.SyncAsync(user.Client, agent, new { startDate = From, endDate = To });

            sync.GetProperty("updated").GetInt32().Should().Be(0, $"{name}: an older poll does not shadow the report");
            var after = (await RowsAsync(agent))[callId];
            (after.Status, after.Cost, after.EndedReason).Should().Be((stored.Status, stored.Cost, stored.EndedReason), name);
        }
    }

    private JsonObject InOurOrg(JsonObject call)
    {
        var copy = call.DeepClone().AsObject();
        copy["orgId"] = Org.OrgId;
        return copy;
    }

    private static DateTime Instant(JsonNode? value) => value?.GetValueKind() == System.Text.Json.JsonValueKind.Number
        ? DateTime.UnixEpoch.AddMilliseconds(value.GetValue<long>())
        : DateTime.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private async Task<Dictionary<string, CallUsage>> RowsAsync(Guid agent)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.CallUsages.AsNoTracking().Where(u => u.AgentId == agent).ToDictionaryAsync(u => u.CallId);
    }

    private async Task<HttpResponseMessage> PostAsync(Guid agent, string body, string secret)
    {
        using var anonymous = App.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/vapi/webhooks/{agent}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Vapi-Secret", secret);
        return await anonymous.SendAsync(request);
    }
}

public sealed class SqliteRealPayloadTests(SqliteRealPayloadAppFixture fixture) : RealPayloadTests(fixture), IClassFixture<SqliteRealPayloadAppFixture>;

public sealed class PostgreSqlRealPayloadTests(PostgreSqlRealPayloadAppFixture fixture) : RealPayloadTests(fixture), IClassFixture<PostgreSqlRealPayloadAppFixture>;
