using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Metrics.Commands.RebuildRollups;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;

namespace VapiAgents.WebApi.FunctionalTests.Metrics;

/// <summary>An app whose agents may add only <see cref="Cap"/> new breakdown keys a day; its simulator starts empty.</summary>
public abstract class UsageKeyCapAppFixture(Provider provider) : AppFixture(provider)
{
    public const int Cap = 3;

    protected override ScenarioSpec Scenario() => new()
    {
        Seed = 29,
        Orgs = [new OrgSpec { KeyCount = 1, Assistants = 1, Calls = 0 }],
    };

    protected override IDictionary<string, string?> Settings() =>
        new Dictionary<string, string?> { ["Limits:NewUsageKeysPerAgentPerDay"] = Cap.ToString(CultureInfo.InvariantCulture) };

    public string Key => Vapi.Scenario.Orgs[0].Keys[0];
}

public sealed class SqliteUsageKeyCapAppFixture() : UsageKeyCapAppFixture(Provider.Sqlite);

public sealed class PostgreSqlUsageKeyCapAppFixture() : UsageKeyCapAppFixture(Provider.PostgreSql);

/// <summary>
/// <c>Limits:NewUsageKeysPerAgentPerDay</c> (ADR 030): an agent's calls add at most that many new ended reasons, types
/// and statuses a day, the first by appearance; the rest count as "other" in the breakdowns, for good.
/// </summary>
public abstract class UsageKeyCapTests(UsageKeyCapAppFixture fixture)
{
    private static readonly TimeZoneInfo Kathmandu = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu");

    private TestApp App => fixture.App;

    private VapiSimulation Vapi => fixture.Vapi.Simulation;

    /// <summary>
    /// 18:20 UTC two days ago: inside the first quarter hour of a Kathmandu (UTC+5:45) day, which no rollup bucket
    /// covers, so a metrics read in that zone tallies these calls from their rows.
    /// </summary>
    private static DateTime Base => DateTime.UtcNow.Date.AddDays(-2).AddHours(18).AddMinutes(20);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string UtcRange => $"startDate={Day(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3))}&endDate={Day(DateOnly.FromDateTime(DateTime.UtcNow))}";

    private static string KathmanduRange =>
        $"startDate={Day(DateOnly.FromDateTime(Base).AddDays(1))}&endDate={Day(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Kathmandu)))}"
        + "&timezone=Asia/Kathmandu";

    [SkippableFact]
    public async Task NewReasonsBeyondTheCap_CountAsOther_TheFirstByAppearanceKeepTheirNames_TotalsAndRawReasonsKept()
    {
        await CommonKeysAsync();
        var (user, agent, assistant) = await AgentAsync();
        var reasons = Reasons(6);
        // Added newest first: the order of first appearance is the calls' createdAt, not the order Vapi lists them in.
        var calls = Enumerable.Range(0, 6).Select(i => Call(assistant, Base.AddMinutes(i), reasons[i], i + 1m))
            .Append(Call(assistant, Base.AddMinutes(10), reasons[4], 0.5m))
            .Append(Call(assistant, Base.AddMinutes(11), reasons[1], 0.25m))
            .Reverse().ToList();
        Vapi.AddCalls(fixture.Key, calls);

        await SyncApi.SyncAsync(user.Client, agent);

        var expected = new Dictionary<string, (long, decimal)>
        {
            [reasons[0]] = (1, 1m), [reasons[1]] = (2, 2.25m), [reasons[2]] = (1, 3m), ["other"] = (4, 4m + 5m + 6m + 0.5m),
        };
        var metrics = await MetricsAsync(user.Client, $"agentId={agent}&{UtcRange}");
        ByEndedReason(metrics).Should().BeEquivalentTo(expected);
        metrics.GetProperty("totals").GetProperty("calls").GetInt64().Should().Be(8);
        metrics.GetProperty("totals").GetProperty("cost").GetDecimal().Should().Be(21.75m);
        ByEndedReason(await MetricsAsync(user.Client, $"agentId={agent}&{KathmanduRange}")).Should().BeEquivalentTo(expected, "the call rows tally as the rollups do");

        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var rows = await db.CallUsages.AsNoTracking().Where(u => u.AgentId == agent).ToListAsync();
        rows.Select(r => r.EndedReason).Distinct().Should().BeEquivalentTo(reasons, "the raw reasons stay on the call rows");
        rows.Where(r => r.OtherKeys == OtherKeys.EndedReason).Select(r => r.EndedReason).Distinct().Should().BeEquivalentTo(reasons[3..]);
        rows.Where(r => r.OtherKeys != OtherKeys.EndedReason).Should().OnlyContain(r => r.OtherKeys == OtherKeys.None);
        (await db.UsageKeys.AsNoTracking().Where(k => k.AgentId == agent).Select(k => k.Value).ToListAsync())
            .Should().BeEquivalentTo(reasons[..3]);
        (await db.UsageKeys.AsNoTracking().CountAsync(k => reasons.Contains(k.Value))).Should().Be(3);
    }

    [SkippableFact]
    public async Task VapisOwnReasons_AreAdmittedWhateverTheCap_AndDoNotSpendIt()
    {
        await CommonKeysAsync();
        var (user, agent, assistant) = await AgentAsync();
        // Five of the values Vapi's spec defines (rare ones, so no other test stored them first), then three of no spec.
        var vapis = EndedReasons.Known.Skip(300).Take(5).ToArray();
        var flooded = Reasons(3);
        var reasons = vapis.Concat(flooded).ToArray();
        Vapi.AddCalls(fixture.Key, reasons.Select((reason, i) => Call(assistant, Base.AddMinutes(i), reason, 1m)));

        await SyncApi.SyncAsync(user.Client, agent);

        // Before Vapi's values were exempt, the first three spent the cap and the other five counted as "other".
        ByEndedReason(await MetricsAsync(user.Client, $"agentId={agent}&{UtcRange}"))
            .Should().BeEquivalentTo(reasons.ToDictionary(r => r, _ => (1L, 1m)), "an agent's first sync may rightly bring many of Vapi's reasons");
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        (await db.UsageKeys.AsNoTracking().Where(k => k.AgentId == agent).Select(k => k.Value).ToListAsync())
            .Should().BeEquivalentTo(flooded, "only values outside Vapi's spec count against the agent's cap");
    }

    [SkippableFact]
    public async Task ReadingMetrics_OverRefusedValues_StoresNoKey()
    {
        await CommonKeysAsync();
        var (user, agent, assistant) = await AgentAsync();
        var reasons = Reasons(5);
        Vapi.AddCalls(fixture.Key, reasons.Select((reason, i) => Call(assistant, Base.AddMinutes(i), reason, 1m)));
        await SyncApi.SyncAsync(user.Client, agent);
        var before = await KeyCountAsync();

        var metrics = await MetricsAsync(user.Client, $"agentId={agent}&{KathmanduRange}");
        await MetricsAsync(user.Client, KathmanduRange);

        ByEndedReason(metrics)["other"].Should().Be((2L, 2m));
        (await KeyCountAsync()).Should().Be(before, "readers look keys up, they never store one");
    }

    [SkippableFact]
    public async Task Rebuild_AfterAnotherAgentAdmitsARefusedValue_GivesTheRollupsTheSyncWrote()
    {
        await CommonKeysAsync();
        var (user, agent, assistant) = await AgentAsync();
        var reasons = Reasons(5);
        Vapi.AddCalls(fixture.Key, reasons.Select((reason, i) => Call(assistant, Base.AddMinutes(i), reason, i + 1m)));
        await SyncApi.SyncAsync(user.Client, agent);
        var userId = await UserIdOfAsync(agent);
        var rollups = await RollupsAsync(userId);
        var breakdown = ByEndedReason(await MetricsAsync(user.Client, $"agentId={agent}&{UtcRange}"));
        breakdown["other"].Should().Be((2L, 9m));

        // Another agent (its own quota) admits one of the refused reasons: from now on it is a key like any other.
        var (other, otherAgent, otherAssistant) = await AgentAsync();
        Vapi.AddCalls(fixture.Key, [Call(otherAssistant, Base, reasons[3], 7m)]);
        await SyncApi.SyncAsync(other.Client, otherAgent);
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            (await db.UsageKeys.AsNoTracking().SingleAsync(k => k.Value == reasons[3])).AgentId.Should().Be(otherAgent);
        }

        await RebuildAsync(userId);

        (await RollupsAsync(userId)).Should().Equal(rollups, "the decision is frozen on the call rows");
        ByEndedReason(await MetricsAsync(user.Client, $"agentId={agent}&{UtcRange}")).Should().BeEquivalentTo(breakdown);

        // A new call of the first agent with the now admitted reason counts under its name; the old one stays other.
        Vapi.AddCalls(fixture.Key, [Call(assistant, Base.AddMinutes(30), reasons[3], 0.5m)]);
        await SyncApi.SyncAsync(user.Client, agent, new { startDate = Day(DateOnly.FromDateTime(Base)), endDate = Day(DateOnly.FromDateTime(DateTime.UtcNow)) });
        var synced = ByEndedReason(await MetricsAsync(user.Client, $"agentId={agent}&{UtcRange}"));
        synced[reasons[3]].Should().Be((1L, 0.5m));
        synced["other"].Should().Be((2L, 9m));
        var incremental = await RollupsAsync(userId);
        await RebuildAsync(userId);
        (await RollupsAsync(userId)).Should().Equal(incremental);
    }

    [SkippableFact]
    public async Task ASecondAgentJoiningTheCalls_CopiesTheirOtherFlags_AndARebuildAgrees()
    {
        await CommonKeysAsync();
        var (user, agent, assistant) = await AgentAsync();
        var reasons = Reasons(5);
        Vapi.AddCalls(fixture.Key, reasons.Select((reason, i) => Call(assistant, Base.AddMinutes(i), reason, i + 1m)));
        await SyncApi.SyncAsync(user.Client, agent);

        // The same calls seen by a second agent of the user: its own quota admits the two reasons, but the calls
        // already stored keep the decision made when they were first stored, on every copy.
        var second = (await AgentApi.CreateAsync(user.Client, $"Capped {Guid.NewGuid():N}", fixture.Key, assistant)).Id();
        await SyncApi.SyncAsync(user.Client, second);

        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var rows = await db.CallUsages.AsNoTracking().Where(u => u.AgentId == agent || u.AgentId == second).ToListAsync();
            rows.Should().HaveCount(10);
            rows.GroupBy(r => r.CallId).Should().OnlyContain(g => g.Select(r => r.OtherKeys).Distinct().Count() == 1);
            rows.Where(r => r.OtherKeys == OtherKeys.EndedReason).Select(r => r.EndedReason).Distinct().Should().BeEquivalentTo(reasons[3..]);
            (await db.UsageKeys.AsNoTracking().Where(k => k.AgentId == second).Select(k => k.Value).ToListAsync()).Should().BeEquivalentTo(reasons[3..]);
        }

        foreach (var id in new[] { agent, second })
        {
            ByEndedReason(await MetricsAsync(user.Client, $"agentId={id}&{UtcRange}"))["other"].Should().Be((2L, 9m));
        }

        var userId = await UserIdOfAsync(agent);
        var incremental = await RollupsAsync(userId);
        await RebuildAsync(userId);
        (await RollupsAsync(userId)).Should().Equal(incremental);
    }

    [SkippableFact]
    public async Task AWebhookReport_WithANewReason_OnceTheCapIsSpent_CountsAsOther()
    {
        await CommonKeysAsync();
        var (user, agent, assistant) = await AgentAsync();
        var reasons = Reasons(4);
        Vapi.AddCalls(fixture.Key, reasons[..3].Select((reason, i) => Call(assistant, Base.AddMinutes(i), reason, 1m)));
        await SyncApi.SyncAsync(user.Client, agent);
        var secret = await WebhookSecretAsync(user.Client, agent);

        var late = Call(assistant, DateTime.UtcNow.AddMinutes(-1), reasons[3], 2.5m);
        Vapi.AddCalls(fixture.Key, [late]);
        var call = Vapi.Calls(fixture.Key, assistant).Single(c => c.GetProperty("id").GetString() == (string)late["id"]!);
        (await PostReportAsync(agent, call, secret)).StatusCode.Should().Be(HttpStatusCode.OK);

        var breakdown = ByEndedReason(await MetricsAsync(user.Client, $"agentId={agent}&{UtcRange}"));
        breakdown["other"].Should().Be((1L, 2.5m));
        breakdown.Keys.Should().BeEquivalentTo([.. reasons[..3], "other"]);
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var row = await db.CallUsages.AsNoTracking().SingleAsync(u => u.AgentId == agent && u.CallId == (string)late["id"]!);
        (row.EndedReason, row.OtherKeys).Should().Be((reasons[3], OtherKeys.EndedReason));
        (await db.UsageKeys.AsNoTracking().AnyAsync(k => k.Value == reasons[3])).Should().BeFalse();
    }

    /// <summary>
    /// The type and status every test call carries, stored once by an agent of their own, so that each test's cap
    /// is spent on its ended reasons alone.
    /// </summary>
    private async Task CommonKeysAsync()
    {
        var (user, agent, assistant) = await AgentAsync();
        var call = Call(assistant, Base.AddDays(-1), null, 0m);
        Vapi.AddCalls(fixture.Key, [call]);
        await SyncApi.SyncAsync(user.Client, agent);
    }

    private async Task<(UserSession User, Guid Agent, string Assistant)> AgentAsync()
    {
        var user = await App.RegisterAndLoginAsync();
        var assistant = $"asst-{Guid.NewGuid():N}";
        var agent = (await AgentApi.CreateAsync(user.Client, $"Capped {Guid.NewGuid():N}", fixture.Key, assistant)).Id();
        return (user, agent, assistant);
    }

    private static string[] Reasons(int count)
    {
        var run = Guid.NewGuid().ToString("N")[..12];
        return [.. Enumerable.Range(0, count).Select(i => $"customer-flooded-{run}-{i}")];
    }

    private static JsonObject Call(string assistant, DateTime createdAt, string? endedReason, decimal cost)
    {
        var at = createdAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var call = new JsonObject
        {
            ["id"] = $"call-{Guid.NewGuid():N}", ["assistantId"] = assistant, ["createdAt"] = at, ["updatedAt"] = at,
            ["status"] = "ended", ["type"] = "inboundPhoneCall", ["cost"] = cost,
        };
        if (endedReason is not null)
        {
            call["endedReason"] = endedReason;
        }

        return call;
    }

    private static async Task<JsonElement> MetricsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/vapi/metrics?{query}");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return (await response.JsonAsync()).GetProperty("metrics");
    }

    private static Dictionary<string, (long Calls, decimal Cost)> ByEndedReason(JsonElement metrics) =>
        metrics.GetProperty("byEndedReason").EnumerateArray()
            .ToDictionary(r => r.GetProperty("key").GetString() ?? "", r => (r.GetProperty("calls").GetInt64(), r.GetProperty("cost").GetDecimal()));

    private async Task<int> KeyCountAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().UsageKeys.CountAsync();
    }

    private async Task<string> UserIdOfAsync(Guid agentId)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.Agents.Where(a => a.Id == agentId).Select(a => a.UserId).SingleAsync();
    }

    /// <summary>The user's rollups, each as (set, granularity, bucket, calls, cost, breakdown bytes), in key order.</summary>
    private async Task<List<string>> RollupsAsync(string userId)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var rows = await db.UsageRollups.AsNoTracking().Where(r => r.UserId == userId).ToListAsync();
        return [.. rows.OrderBy(r => r.AgentSetId).ThenBy(r => r.Granularity).ThenBy(r => r.BucketStartMs)
            .Select(r => $"{r.AgentSetId} {r.Granularity} {r.BucketStartMs} {r.Calls} {r.CostUnits} {Convert.ToHexString(r.Breakdown)}")];
    }

    private async Task RebuildAsync(string userId)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IRollupRebuilder>().RebuildAsync(userId, CancellationToken.None);
    }

    private static async Task<string> WebhookSecretAsync(HttpClient client, Guid agent)
    {
        var response = await client.PostAsync($"/api/vapi/agents/{agent}/webhook-secret", null);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return SecretLedger.Register((await response.JsonAsync()).GetProperty("secret").GetString()!);
    }

    /// <summary>An end-of-call report of the call, as Vapi sends it, proved by the agent's secret in a header.</summary>
    private async Task<HttpResponseMessage> PostReportAsync(Guid agent, JsonElement call, string secret)
    {
        var message = new JsonObject
        {
            ["type"] = "end-of-call-report",
            ["call"] = JsonNode.Parse(call.GetRawText()),
            ["endedReason"] = call.GetProperty("endedReason").GetString(),
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
        using var anonymous = App.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/vapi/webhooks/{agent}")
        {
            Content = new StringContent(new JsonObject { ["message"] = message }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Vapi-Secret", secret);
        return await anonymous.SendAsync(request);
    }
}

public sealed class SqliteUsageKeyCapTests(SqliteUsageKeyCapAppFixture fixture) : UsageKeyCapTests(fixture), IClassFixture<SqliteUsageKeyCapAppFixture>;

public sealed class PostgreSqlUsageKeyCapTests(PostgreSqlUsageKeyCapAppFixture fixture) : UsageKeyCapTests(fixture), IClassFixture<PostgreSqlUsageKeyCapAppFixture>;
