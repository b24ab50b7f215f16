using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;

namespace VapiAgents.WebApi.FunctionalTests.Alerts;

/// <summary><c>/api/vapi/budgets</c>: the current period's spend from the rollups, validation and isolation.</summary>
public abstract class BudgetTests(AlertsAppFixture fixture)
{
    private TestApp App => fixture.App;

    [SkippableFact]
    public async Task ABudget_IsCreatedListedChangedAndDeleted_WithTheCurrentPeriodsSpend()
    {
        var (user, agent, assistant) = await fixture.AgentAsync();
        var now = DateTime.UtcNow;
        fixture.AddCalls(assistant, 3.25m, now.AddSeconds(-30), now.AddSeconds(-20));
        await SyncApi.SyncAsync(user.Client, agent);

        var created = await AlertsAppFixture.CreateBudgetAsync(user.Client, new { name = "Triage monthly", agentId = agent, period = "month", amount = 10m });
        var id = created.GetProperty("id").GetGuid();

        created.GetProperty("timezone").GetString().Should().Be("UTC");
        created.GetProperty("thresholds").EnumerateArray().Select(t => t.GetInt32()).Should().Equal(50, 80, 100);
        var current = created.GetProperty("current");
        current.GetProperty("periodStart").GetString().Should().Be(new DateOnly(now.Year, now.Month, 1).ToString("yyyy-MM-dd"));
        current.GetProperty("periodEnd").GetString().Should().Be(new DateOnly(now.Year, now.Month, DateTime.DaysInMonth(now.Year, now.Month)).ToString("yyyy-MM-dd"));
        current.GetProperty("spent").GetDecimal().Should().Be(6.5m);
        current.GetProperty("percent").GetDecimal().Should().Be(65m);
        current.GetProperty("status").GetString().Should().Be("warning");
        current.GetProperty("forecast").GetDecimal().Should().BeGreaterThanOrEqualTo(6.5m);

        var patched = await user.Client.PatchJsonAsync($"/api/vapi/budgets/{id}", new { amount = 100m, name = "Triage" });
        patched.StatusCode.Should().Be(HttpStatusCode.OK);
        var changed = (await patched.JsonAsync()).GetProperty("budget");
        changed.GetProperty("name").GetString().Should().Be("Triage");
        changed.GetProperty("agentId").GetGuid().Should().Be(agent);
        changed.GetProperty("current").GetProperty("status").GetString().Should().Be("ok");

        var everything = await AlertsAppFixture.CreateBudgetAsync(user.Client, new { name = "All agents", period = "day", amount = 5m, thresholds = new[] { 100 } });
        everything.GetProperty("agentId").ValueKind.Should().Be(JsonValueKind.Null);
        everything.GetProperty("current").GetProperty("status").GetString().Should().Be("exceeded");
        var list = (await user.Client.GetFromJsonAsync<JsonElement>("/api/vapi/budgets")).GetProperty("budgets");
        list.EnumerateArray().Select(b => b.GetProperty("id").GetGuid()).Should().Equal(id, everything.GetProperty("id").GetGuid());

        (await user.Client.DeleteAsync($"/api/vapi/budgets/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await user.Client.GetAsync($"/api/vapi/budgets/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task SpendCountsADeletedAgentsCalls_AndACallTwoAgentsSeeOnce()
    {
        var (user, agent, assistant) = await fixture.AgentAsync();
        var twin = (await AgentApi.CreateAsync(user.Client, $"Twin {Guid.NewGuid():N}", fixture.Key, assistant)).Id();
        fixture.AddCalls(assistant, 2m, DateTime.UtcNow.AddSeconds(-10));
        await SyncApi.SyncAsync(user.Client, agent);
        await SyncApi.SyncAsync(user.Client, twin);
        var all = await AlertsAppFixture.CreateBudgetAsync(user.Client, new { name = "All", period = "week", amount = 100m });
        var one = await AlertsAppFixture.CreateBudgetAsync(user.Client, new { name = "One", agentId = agent, period = "day", amount = 100m });

        (await user.Client.DeleteAsync($"/api/vapi/agents/{agent}")).StatusCode.Should().Be(HttpStatusCode.OK);

        all.GetProperty("current").GetProperty("spent").GetDecimal().Should().Be(2m, "the two agents hold the same call");
        var afterAll = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/budgets/{all.GetProperty("id")}")).GetProperty("budget");
        afterAll.GetProperty("current").GetProperty("spent").GetDecimal().Should().Be(2m);
        var afterOne = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/budgets/{one.GetProperty("id")}")).GetProperty("budget");
        afterOne.GetProperty("agentDeleted").GetBoolean().Should().BeTrue();
        afterOne.GetProperty("current").GetProperty("spent").GetDecimal().Should().Be(2m, "money spent is spent");
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"period":"month","amount":10}""", "name" },
        { """{"name":"b","period":"year","amount":10}""", "period" },
        { """{"name":"b","period":"month","amount":0}""", "amount" },
        { """{"name":"b","period":"month","amount":-3}""", "amount" },
        { """{"name":"b","period":"month"}""", "amount" },
        { """{"name":"b","period":"month","amount":10,"timezone":"Mars/Olympus"}""", "timezone" },
        { """{"name":"b","period":"month","amount":10,"timezone":"+02:00"}""", "timezone" },
        { """{"name":"b","period":"month","amount":10,"thresholds":[0]}""", "thresholds" },
        { """{"name":"b","period":"month","amount":10,"thresholds":[50,1001]}""", "thresholds" },
        { """{"name":"b","period":"month","amount":10,"thresholds":[]}""", "thresholds" },
        { """{"name":"b","period":"month","amount":"ten"}""", "amount" },
    };

    [SkippableTheory]
    [MemberData(nameof(BadBodies))]
    public async Task BadInput_Answers400_NamingTheField(string body, string field)
    {
        var user = await App.RegisterAndLoginAsync();

        var response = await user.Client.PostAsync("/api/vapi/budgets", HttpJson.Raw(body));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Contain(field);
    }

    [SkippableFact]
    public async Task AnotherUsersBudgetOrAgent_Answers404_LikeAnUnknownOne()
    {
        var (owner, agent, _) = await fixture.AgentAsync();
        var budget = (await AlertsAppFixture.CreateBudgetAsync(owner.Client, new { name = "Mine", agentId = agent, period = "month", amount = 10m })).GetProperty("id").GetGuid();
        var stranger = await App.RegisterAndLoginAsync();

        await (await stranger.Client.GetAsync($"/api/vapi/budgets/{budget}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PatchJsonAsync($"/api/vapi/budgets/{budget}", new { amount = 1m })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.DeleteAsync($"/api/vapi/budgets/{budget}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PostAsJsonAsync("/api/vapi/budgets", new { name = "Theirs", agentId = agent, period = "month", amount = 10m }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Client.PostAsJsonAsync("/api/vapi/budgets", new { name = "Unknown", agentId = Guid.NewGuid(), period = "month", amount = 10m }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await stranger.Client.GetFromJsonAsync<JsonElement>("/api/vapi/budgets")).GetProperty("budgets").GetArrayLength().Should().Be(0);
        (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/budgets/{budget}")).GetProperty("budget").GetProperty("amount").GetDecimal().Should().Be(10m);
    }

    [SkippableTheory]
    [InlineData("Pacific/Auckland", "week")]
    [InlineData("America/Los_Angeles", "week")]
    [InlineData("Pacific/Auckland", "month")]
    [InlineData("America/Los_Angeles", "month")]
    public async Task ThePeriodStartsAtLocalMidnight_InTheBudgetsZone(string timezone, string period)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timezone);
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        var start = period == "month" ? new DateOnly(today.Year, today.Month, 1) : today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var startUtc = TimeZoneInfo.ConvertTimeToUtc(start.ToDateTime(TimeOnly.MinValue), zone);
        Skip.If(now - startUtc < TimeSpan.FromMinutes(2), "the period began a moment ago; the instants after its start are still to come");
        var (user, agent, assistant) = await fixture.AgentAsync();
        fixture.AddCalls(assistant, 1.5m, startUtc.AddSeconds(1), startUtc.AddSeconds(61));
        fixture.AddCalls(assistant, 100m, startUtc.AddSeconds(-1), startUtc.AddHours(-5));
        await SyncApi.SyncAsync(user.Client, agent, new { startDate = start.AddDays(-3).ToString("yyyy-MM-dd"), endDate = today.ToString("yyyy-MM-dd"), timezone });

        var budget = await AlertsAppFixture.CreateBudgetAsync(user.Client, new { name = "Zoned", agentId = agent, period, timezone, amount = 1000m });

        var current = budget.GetProperty("current");
        current.GetProperty("periodStart").GetString().Should().Be(start.ToString("yyyy-MM-dd"));
        current.GetProperty("spent").GetDecimal().Should().Be(3m, "only the calls from the local midnight on count");
    }
}

public sealed class SqliteBudgetTests(SqliteAlertsAppFixture fixture) : BudgetTests(fixture), IClassFixture<SqliteAlertsAppFixture>;

public sealed class PostgreSqlBudgetTests(PostgreSqlAlertsAppFixture fixture) : BudgetTests(fixture), IClassFixture<PostgreSqlAlertsAppFixture>;
