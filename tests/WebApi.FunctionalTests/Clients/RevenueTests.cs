using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;

namespace VapiAgents.WebApi.FunctionalTests.Clients;

/// <summary>
/// Resale revenue over HTTP against values computed by hand. Three agents, each on its own assistant in the simulator,
/// in a month two months back:
/// A: its own prices, set before the sync — 0.12 $/min by the second from the 1st, 0.24 from the 15th;
///    calls of 61.5 s (→ 62 s, 0.124), 0 s (→ 0), 30 s on the 20th (→ 30 s, 0.12).
/// B: its own price set after the sync (repricing) — 0.30 $/min, 15 s increments, 30 s minimum;
///    calls of 10 s (→ 30 s, 0.15), 31 s (→ 45 s, 0.225), 0 s (→ 0).
/// C: no price, its client's set after the sync — 0.09 $/min by the minute; calls of 61 s (→ 120 s, 0.18), 5 s (→ 60 s, 0.09).
/// Every call costs 0.01 $.
/// </summary>
public abstract class RevenueTests(AppFixture fixture)
{
    private static readonly DateOnly Month = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(-2);

    private TestApp App => fixture.App;

    private string Key => fixture.Vapi.Scenario.Orgs[0].Keys[0];

    private static string Day(int day) => Month.AddDays(day - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string MonthText => Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Range => $"startDate={Day(1)}&endDate={Month.AddMonths(1).AddDays(-1):yyyy-MM-dd}";

    private sealed record Agency(UserSession User, Guid A, Guid B, Guid C, Guid Client);

    private async Task<Agency> AgencyAsync()
    {
        var user = await App.RegisterAndLoginAsync();
        var tag = Guid.NewGuid().ToString("N")[..12];
        var client = (await ClientApi.CreateAsync(user.Client, $"Client {tag}")).GetProperty("id").GetGuid();
        AddCalls($"a-{tag}", (3, 61_500), (5, 0), (20, 30_000));
        AddCalls($"b-{tag}", (4, 10_000), (6, 31_000), (7, 0));
        AddCalls($"c-{tag}", (8, 61_000), (9, 5_000));
        var a = (await AgentApi.CreateAsync(user.Client, $"A {tag}", Key, $"a-{tag}")).Id();
        var b = (await AgentApi.CreateAsync(user.Client, $"B {tag}", Key, $"b-{tag}")).Id();
        var response = await user.Client.PostAsJsonAsync("/api/vapi/agents", new { name = $"C {tag}", apiKey = Key, agentId = $"c-{tag}", clientId = client });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var c = (await response.JsonAsync()).GetProperty("agent").Id();

        await ClientApi.PutPriceAsync(user.Client, "agents", a, new { ratePerMinute = 0.12m, billingIncrementSeconds = 1, effectiveFrom = Day(1) });
        await ClientApi.PutPriceAsync(user.Client, "agents", a, new { ratePerMinute = 0.24m, billingIncrementSeconds = 1, effectiveFrom = Day(15) });
        foreach (var agent in new[] { a, b, c })
        {
            var run = await SyncApi.SyncAsync(user.Client, agent, new { startDate = Day(1), endDate = Day(28) });
            run.GetProperty("status").GetString().Should().Be("succeeded");
        }

        var repricedB = await ClientApi.PutPriceAsync(user.Client, "agents", b,
            new { ratePerMinute = 0.30m, billingIncrementSeconds = 15, minimumBillableSeconds = 30, effectiveFrom = Day(1) });
        repricedB.GetProperty("repriced").GetInt64().Should().Be(2, "the two calls longer than 0 s gain revenue");
        var repricedC = await ClientApi.PutPriceAsync(user.Client, "clients", client, new { ratePerMinute = 0.09m, effectiveFrom = Day(1) });
        repricedC.GetProperty("repriced").GetInt64().Should().Be(2);
        return new Agency(user, a, b, c, client);
    }

    private void AddCalls(string assistant, params (int Day, int DurationMs)[] calls)
    {
        var nodes = calls.Select((call, i) =>
        {
            var created = Month.AddDays(call.Day - 1).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc).AddMinutes(i);
            var node = new JsonObject
            {
                ["id"] = $"{assistant}-{i}", ["assistantId"] = assistant, ["createdAt"] = Instant(created), ["updatedAt"] = Instant(created.AddMinutes(5)),
                ["status"] = "ended", ["endedReason"] = i == 0 ? "customer-ended-call" : "assistant-ended-call", ["cost"] = 0.01m,
            };
            if (call.DurationMs > 0)
            {
                node["startedAt"] = Instant(created.AddSeconds(1));
                node["endedAt"] = Instant(created.AddSeconds(1).AddMilliseconds(call.DurationMs));
            }

            return node;
        });
        fixture.Vapi.Simulation.AddCalls(Key, nodes);
    }

    private static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> GetAsync(HttpClient client, string uri)
    {
        var response = await client.GetAsync(uri);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return await response.JsonAsync();
    }

    private static void ShouldHave(JsonElement row, decimal revenue, decimal billableMinutes, decimal cost)
    {
        row.GetProperty("revenue").GetDecimal().Should().Be(revenue);
        row.GetProperty("billableMinutes").GetDecimal().Should().Be(billableMinutes);
        row.GetProperty("cost").GetDecimal().Should().Be(cost);
        row.GetProperty("margin").GetDecimal().Should().Be(revenue - cost);
        var percent = row.GetProperty("marginPercent");
        if (revenue == 0)
        {
            percent.ValueKind.Should().Be(JsonValueKind.Null);
        }
        else
        {
            percent.GetDecimal().Should().Be(Math.Round((revenue - cost) * 100m / revenue, 2));
        }
    }

    [SkippableFact]
    public async Task Revenue_OfEachAgent_EqualsTheHandComputedValues_AndTheTotalsAddThemUp()
    {
        var agency = await AgencyAsync();

        foreach (var (agent, revenue, minutes, cost) in new[] { (agency.A, 0.244m, 1.533333m, 0.03m), (agency.B, 0.375m, 1.25m, 0.03m), (agency.C, 0.27m, 3m, 0.02m) })
        {
            var one = (await GetAsync(agency.User.Client, $"/api/vapi/metrics?agentId={agent}&{Range}")).GetProperty("metrics");
            ShouldHave(one.GetProperty("totals"), revenue, minutes, cost);
        }

        var all = (await GetAsync(agency.User.Client, $"/api/vapi/metrics?{Range}")).GetProperty("metrics");
        ShouldHave(all.GetProperty("totals"), 0.889m, 5.783333m, 0.08m);
        var byAgent = all.GetProperty("byAgent").EnumerateArray().ToDictionary(r => r.GetProperty("agentId").GetGuid());
        ShouldHave(byAgent[agency.A], 0.244m, 1.533333m, 0.03m);
        ShouldHave(byAgent[agency.C], 0.27m, 3m, 0.02m);
        var daily = all.GetProperty("daily").EnumerateArray().ToDictionary(d => d.GetProperty("date").GetString()!);
        ShouldHave(daily[Day(3)], 0.124m, 1.033333m, 0.01m);
        ShouldHave(daily[Day(20)], 0.12m, 0.5m, 0.01m);
        ShouldHave(daily[Day(7)], 0m, 0m, 0.01m);
        daily.Values.Sum(d => d.GetProperty("revenue").GetDecimal()).Should().Be(0.889m);
    }

    [SkippableFact]
    public async Task ByClient_FollowsTheAgentsClient_AndItsSumsEqualTheByAgentSums()
    {
        var agency = await AgencyAsync();

        var all = (await GetAsync(agency.User.Client, $"/api/vapi/metrics?{Range}")).GetProperty("metrics");

        var byClient = all.GetProperty("byClient").EnumerateArray().ToList();
        byClient.Should().HaveCount(2);
        byClient[0].GetProperty("clientId").GetGuid().Should().Be(agency.Client);
        ShouldHave(byClient[0], 0.27m, 3m, 0.02m);
        byClient[1].GetProperty("clientId").ValueKind.Should().Be(JsonValueKind.Null);
        ShouldHave(byClient[1], 0.619m, 2.783333m, 0.06m);
        var byAgent = all.GetProperty("byAgent").EnumerateArray().ToList();
        foreach (var measure in new[] { "calls", "revenue", "cost", "margin" })
        {
            byClient.Sum(r => r.GetProperty(measure).GetDecimal()).Should().Be(byAgent.Sum(r => r.GetProperty(measure).GetDecimal()), measure);
        }

        var filtered = (await GetAsync(agency.User.Client, $"/api/vapi/metrics?clientId={agency.Client}&{Range}")).GetProperty("metrics");
        filtered.GetProperty("agentIds").EnumerateArray().Select(e => e.GetGuid()).Should().Equal(agency.C);
        ShouldHave(filtered.GetProperty("totals"), 0.27m, 3m, 0.02m);
        var csv = await agency.User.Client.GetStringAsync($"/api/vapi/metrics/export?groupBy=client&{Range}");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Trim().Should().Be("clientId,name,calls,minutes,cost,billableMinutes,revenue,margin,marginPercent");
        lines[1].Should().StartWith($"{agency.Client},").And.Contain(",0.27,0.25,");
    }

    [SkippableFact]
    public async Task APriceDatedInThePast_RepricesStoredCalls_AndLaterPricesStillWin()
    {
        var agency = await AgencyAsync();

        var put = await ClientApi.PutPriceAsync(agency.User.Client, "agents", agency.A, new { ratePerMinute = 0.6m, billingIncrementSeconds = 1, effectiveFrom = Day(1) });

        put.GetProperty("repriced").GetInt64().Should().Be(1, "only the call before the 15th changes");
        var one = (await GetAsync(agency.User.Client, $"/api/vapi/metrics?agentId={agency.A}&{Range}")).GetProperty("metrics");
        ShouldHave(one.GetProperty("totals"), 0.62m + 0.12m, 1.533333m, 0.03m);
        var history = (await GetAsync(agency.User.Client, $"/api/vapi/agents/{agency.A}/pricing")).GetProperty("prices").EnumerateArray().ToList();
        history.Select(p => p.GetProperty("effectiveFrom").GetString()).Should().Equal(Day(15), Day(1));
        history[1].GetProperty("ratePerMinute").GetDecimal().Should().Be(0.6m);
    }

    [SkippableFact]
    public async Task Statement_ListsTheClientsAgents_AndItsCsvEqualsItsJson()
    {
        var agency = await AgencyAsync();

        var statement = (await GetAsync(agency.User.Client, $"/api/vapi/clients/{agency.Client}/statement?month={MonthText}")).GetProperty("statement");
        var csv = await agency.User.Client.GetStringAsync($"/api/vapi/clients/{agency.Client}/statement?month={MonthText}&format=csv");

        statement.GetProperty("month").GetString().Should().Be(MonthText);
        statement.GetProperty("timezone").GetString().Should().Be("UTC");
        var line = statement.GetProperty("lines").EnumerateArray().Single();
        line.GetProperty("agentId").GetGuid().Should().Be(agency.C);
        line.GetProperty("calls").GetInt64().Should().Be(2);
        line.GetProperty("billableMinutes").GetDecimal().Should().Be(3m);
        line.GetProperty("revenue").GetDecimal().Should().Be(0.27m);
        line.GetProperty("cost").GetDecimal().Should().Be(0.02m);
        line.GetProperty("margin").GetDecimal().Should().Be(0.25m);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Trim().Split(',')).ToList();
        rows[0].Should().Equal("agentId", "name", "calls", "billableMinutes", "revenue", "cost", "margin");
        rows[1].Should().Equal(Cells(line, "agentId", "name", "calls", "billableMinutes", "revenue", "cost", "margin"));
        var totals = statement.GetProperty("totals");
        rows[2][2..].Should().Equal(Cells(totals, "calls", "billableMinutes", "revenue", "cost", "margin"));
    }

    [SkippableFact]
    public async Task Compare_AnswersThreeAgents_InTheOrderAsked()
    {
        var agency = await AgencyAsync();

        var compare = await GetAsync(agency.User.Client, $"/api/vapi/metrics/compare?agentIds={agency.C},{agency.A}&agentIds={agency.B}&{Range}");

        var agents = compare.GetProperty("agents").EnumerateArray().ToList();
        agents.Select(a => a.GetProperty("agentId").GetGuid()).Should().Equal(agency.C, agency.A, agency.B);
        agents.Select(a => a.GetProperty("revenue").GetDecimal()).Should().Equal(0.27m, 0.244m, 0.375m);
        agents.Select(a => a.GetProperty("margin").GetDecimal()).Should().Equal(0.25m, 0.214m, 0.345m);
        agents[1].GetProperty("calls").GetInt64().Should().Be(3);
        agents[1].GetProperty("costPerCall").GetDecimal().Should().Be(0.01m);
        agents[1].GetProperty("successRate").ValueKind.Should().Be(JsonValueKind.Null);
        var reasons = agents[1].GetProperty("topEndedReasons").EnumerateArray().ToList();
        reasons.Select(r => r.GetProperty("key").GetString()).Should().Equal("assistant-ended-call", "customer-ended-call");
        reasons[0].GetProperty("calls").GetInt64().Should().Be(2);
    }

    [SkippableFact]
    public async Task Compare_AndStatement_AndClientFilter_RefuseWhatIsNotTheCallers()
    {
        var agency = await AgencyAsync();
        var stranger = await App.RegisterAndLoginAsync();
        var own = (await AgentApi.CreateAsync(stranger.Client, "Own", Key)).Id();

        var compare = await stranger.Client.GetAsync($"/api/vapi/metrics/compare?agentIds={own},{agency.A}");
        var statement = await stranger.Client.GetAsync($"/api/vapi/clients/{agency.Client}/statement?month={MonthText}");
        var filter = await stranger.Client.GetAsync($"/api/vapi/metrics?clientId={agency.Client}");
        var tooFew = await stranger.Client.GetAsync($"/api/vapi/metrics/compare?agentIds={own}");

        (await compare.ShouldBeProblemAsync(HttpStatusCode.NotFound)).ErrorFields().Should().Equal("agentIds");
        await statement.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await filter.ShouldBeProblemAsync(HttpStatusCode.NotFound)).ErrorFields().Should().Equal("clientId");
        (await tooFew.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("agentIds");
    }

    private static string[] Cells(JsonElement row, params string[] names) =>
        names.Select(n => row.GetProperty(n) is var v && v.ValueKind == JsonValueKind.Number ? v.GetDecimal().ToString(CultureInfo.InvariantCulture) : v.ToString()).ToArray();
}

public sealed class SqliteRevenueTests(SqliteAppFixture fixture) : RevenueTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgreSqlRevenueTests(PostgreSqlAppFixture fixture) : RevenueTests(fixture), IClassFixture<PostgreSqlAppFixture>;
