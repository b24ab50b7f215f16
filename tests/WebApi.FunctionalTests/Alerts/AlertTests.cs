using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Alerts.Commands.EvaluateAlerts;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;

namespace VapiAgents.WebApi.FunctionalTests.Alerts;

/// <summary><c>/api/vapi/alerts</c>: budget thresholds raised by syncs and webhooks exactly once, anomalies, failing syncs.</summary>
public abstract class AlertTests(AlertsAppFixture fixture)
{
    private TestApp App => fixture.App;

    private static IEnumerable<int> Thresholds(IEnumerable<JsonElement> alerts) =>
        alerts.Where(a => a.GetProperty("kind").GetString() == "budget.threshold").Select(a => a.GetProperty("threshold").GetInt32()).Order();

    [SkippableFact]
    public async Task AJumpFrom10To120Percent_RaisesThe50_80And100Alerts_Once_AndResyncsOrARaisedAmountAddNothing()
    {
        var (user, agent, assistant) = await fixture.AgentAsync();
        var budget = (await AlertsAppFixture.CreateBudgetAsync(user.Client, new { name = "Monthly", agentId = agent, period = "month", amount = 100m })).GetProperty("id").GetGuid();
        fixture.AddCalls(assistant, 10m, DateTime.UtcNow.AddSeconds(-30));
        await SyncApi.SyncAsync(user.Client, agent);
        (await AlertsAppFixture.AlertsAsync(user.Client)).Should().BeEmpty("10 % reaches no threshold");

        fixture.AddCalls(assistant, 110m, DateTime.UtcNow.AddSeconds(-20));
        await SyncApi.SyncAsync(user.Client, agent);
        var alerts = await AlertsAppFixture.AlertsWhenAsync(user.Client, a => a.Count >= 3, TimeSpan.FromSeconds(10));

        Thresholds(alerts).Should().Equal(50, 80, 100);
        var hundred = alerts.Single(a => a.GetProperty("threshold").GetInt32() == 100);
        hundred.GetProperty("budgetId").GetGuid().Should().Be(budget);
        hundred.GetProperty("agentId").GetGuid().Should().Be(agent);
        hundred.GetProperty("value").GetDecimal().Should().Be(120m);
        hundred.GetProperty("reference").GetDecimal().Should().Be(100m);
        hundred.GetProperty("periodStart").GetString().Should().Be(new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).ToString("yyyy-MM-dd"));
        hundred.GetProperty("channelId").ValueKind.Should().Be(JsonValueKind.Null);
        hundred.GetProperty("acknowledgedAt").ValueKind.Should().Be(JsonValueKind.Null);
        hundred.GetProperty("message").GetString().Should().Contain("Monthly").And.Contain("100 %");

        await SyncApi.SyncAsync(user.Client, agent, new { startDate = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd") });
        (await user.Client.PatchJsonAsync($"/api/vapi/budgets/{budget}", new { amount = 200m })).StatusCode.Should().Be(HttpStatusCode.OK);
        fixture.AddCalls(assistant, 1m, DateTime.UtcNow.AddSeconds(-10));
        (await SyncApi.SyncAsync(user.Client, agent)).GetProperty("created").GetInt32().Should().Be(1);

        Thresholds(await AlertsAppFixture.AlertsAsync(user.Client)).Should().Equal([50, 80, 100], "each threshold alerts once a period, whatever the amount became");
    }

    [SkippableFact]
    public async Task AWebhookReport_CrossesAThreshold_WithinAMinute_AndAReplayAddsNothing()
    {
        var (user, agent, assistant) = await fixture.AgentAsync();
        await AlertsAppFixture.CreateBudgetAsync(user.Client, new { name = "Daily", agentId = agent, period = "day", amount = 4m, thresholds = new[] { 100 } });
        var secret = SecretLedger.Register((await (await user.Client.PostAsync($"/api/vapi/agents/{agent}/webhook-secret", null)).JsonAsync()).GetProperty("secret").GetString()!);
        var call = AlertsAppFixture.Call(assistant, 5m, DateTime.UtcNow.AddSeconds(-5));
        call["orgId"] = fixture.Vapi.Scenario.Orgs[0].OrgId;
        var body = new JsonObject { ["message"] = new JsonObject { ["type"] = "end-of-call-report", ["call"] = call } }.ToJsonString();

        using var anonymous = App.CreateClient();
        async Task<HttpStatusCode> PostAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/vapi/webhooks/{agent}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Vapi-Secret", secret);
            return (await anonymous.SendAsync(request)).StatusCode;
        }

        (await PostAsync()).Should().Be(HttpStatusCode.OK);
        var alerts = await AlertsAppFixture.AlertsWhenAsync(user.Client, a => a.Count > 0, TimeSpan.FromSeconds(60));
        Thresholds(alerts).Should().Equal([100], string.Join('\n', App.Logs.Lines.Where(l => l.Contains("rror") || l.Contains("arn") || l.Contains("lert"))));

        (await PostAsync()).Should().Be(HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromSeconds(2));
        (await AlertsAppFixture.AlertsAsync(user.Client)).Should().ContainSingle("the replayed report changed nothing");
    }

    [SkippableFact]
    public async Task ConcurrentEvaluations_OnEveryInstance_CreateOneAlertPerOccurrence()
    {
        var (user, agent, assistant) = await fixture.AgentAsync();
        await AlertsAppFixture.CreateBudgetAsync(user.Client, new { name = "Raced", agentId = agent, period = "week", amount = 1m, thresholds = new[] { 10, 50, 100, 200 } });
        fixture.AddCalls(assistant, 3m, DateTime.UtcNow.AddSeconds(-30));
        await SyncApi.SyncAsync(user.Client, agent);
        var userId = await OwnerOfAsync(agent);
        await using var peer = App.Provider == Provider.PostgreSql ? App.StartPeer() : null;
        var hosts = peer is null ? [App, App] : new[] { App, peer };

        // Several evaluations at once on each host, after the alerts are deleted so every one of them races to insert.
        await DeleteAlertsAsync(userId);
        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => EvaluateAsync(hosts[i % 2], userId)));

        created.Sum().Should().Be(4, "one insert per threshold wins; the others meet the unique key");
        Thresholds(await AlertsAppFixture.AlertsAsync(user.Client)).Should().Equal(10, 50, 100, 200);
    }

    private async Task<string> OwnerOfAsync(Guid agent)
    {
        using var scope = App.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VapiAgents.Infrastructure.Persistence.ApplicationDbContext>();
        return (await db.Agents.FindAsync(agent))!.UserId;
    }

    private async Task DeleteAlertsAsync(string userId)
    {
        using var scope = App.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VapiAgents.Infrastructure.Persistence.ApplicationDbContext>();
        db.Alerts.RemoveRange([.. db.Alerts.Where(a => a.UserId == userId)]);
        await db.SaveChangesAsync();
    }

    private static async Task<int> EvaluateAsync(TestApp host, string userId)
    {
        using var scope = host.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new EvaluateAlertsCommand(userId));
    }

    [SkippableFact]
    public async Task Acknowledging_MovesAnAlertFromOpenToAcknowledged_AndAnotherUserGets404()
    {
        var (user, agent, assistant) = await fixture.AgentAsync();
        await AlertsAppFixture.CreateBudgetAsync(user.Client, new { name = "Ack", agentId = agent, period = "month", amount = 1m, thresholds = new[] { 50, 100 } });
        fixture.AddCalls(assistant, 2m, DateTime.UtcNow.AddSeconds(-30));
        await SyncApi.SyncAsync(user.Client, agent);
        var open = await AlertsAppFixture.AlertsAsync(user.Client, "open");
        open.Should().HaveCount(2);
        var first = open[0].GetProperty("id").GetGuid();
        var stranger = await App.RegisterAndLoginAsync();

        await (await stranger.Client.PostAsync($"/api/vapi/alerts/{first}/acknowledge", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await AlertsAppFixture.AlertsAsync(stranger.Client)).Should().BeEmpty();
        var acknowledged = await user.Client.PostAsync($"/api/vapi/alerts/{first}/acknowledge", null);
        acknowledged.StatusCode.Should().Be(HttpStatusCode.OK);
        var at = (await acknowledged.JsonAsync()).GetProperty("alert").GetProperty("acknowledgedAt").GetDateTime();
        var again = (await (await user.Client.PostAsync($"/api/vapi/alerts/{first}/acknowledge", null)).JsonAsync()).GetProperty("alert");

        again.GetProperty("acknowledgedAt").GetDateTime().Should().BeCloseTo(at, TimeSpan.FromMilliseconds(1));
        var openNow = await user.Client.GetFromJsonAsync<JsonElement>("/api/vapi/alerts");
        openNow.GetProperty("total").GetInt32().Should().Be(1);
        openNow.GetProperty("alerts")[0].GetProperty("id").GetGuid().Should().NotBe(first);
        (await AlertsAppFixture.AlertsAsync(user.Client, "acknowledged")).Single().GetProperty("id").GetGuid().Should().Be(first);
        await (await user.Client.GetAsync("/api/vapi/alerts?status=closed")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await user.Client.PostAsync($"/api/vapi/alerts/{Guid.NewGuid()}/acknowledge", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task DeletingABudget_KeepsItsAlerts()
    {
        var (user, agent, assistant) = await fixture.AgentAsync();
        var budget = (await AlertsAppFixture.CreateBudgetAsync(user.Client, new { name = "Gone", agentId = agent, period = "day", amount = 1m, thresholds = new[] { 100 } })).GetProperty("id").GetGuid();
        fixture.AddCalls(assistant, 2m, DateTime.UtcNow.AddSeconds(-30));
        await SyncApi.SyncAsync(user.Client, agent);

        (await user.Client.DeleteAsync($"/api/vapi/budgets/{budget}")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await AlertsAppFixture.AlertsAsync(user.Client)).Single().GetProperty("budgetId").GetGuid().Should().Be(budget);
    }
}

public sealed class SqliteAlertTests(SqliteAlertsAppFixture fixture) : AlertTests(fixture), IClassFixture<SqliteAlertsAppFixture>;

public sealed class PostgreSqlAlertTests(PostgreSqlAlertsAppFixture fixture) : AlertTests(fixture), IClassFixture<PostgreSqlAlertsAppFixture>;
