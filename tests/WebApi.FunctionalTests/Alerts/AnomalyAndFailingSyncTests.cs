using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;

namespace VapiAgents.WebApi.FunctionalTests.Alerts;

/// <summary>The anomaly rule on generated history, the alert settings, and the failing-sync streak.</summary>
public abstract class AnomalyAndFailingSyncTests(AlertsAppFixture fixture)
{
    private TestApp App => fixture.App;

    private static DateTime Today => DateTime.UtcNow.Date;

    /// <summary>One call costing <paramref name="cost"/> at noon (UTC) on each of the days before today.</summary>
    private void History(string assistant, int days, int callsPerDay, decimal cost)
    {
        for (var day = 1; day <= days; day++)
        {
            fixture.AddCalls(assistant, cost, [.. Enumerable.Range(0, callsPerDay).Select(i => Today.AddDays(-day).AddHours(12).AddMinutes(i))]);
        }
    }

    private void Todays(string assistant, int calls, decimal cost) =>
        fixture.AddCalls(assistant, cost, [.. Enumerable.Range(0, calls).Select(i => DateTime.UtcNow.AddSeconds(-5 - i))]);

    private static async Task<List<string?>> KindsAsync(HttpClient client, Guid agent) =>
        [.. (await AlertsAppFixture.AlertsAsync(client)).Where(a => a.GetProperty("agentId").GetGuid() == agent).Select(a => a.GetProperty("kind").GetString()).Order()];

    [SkippableFact]
    public async Task ADayWellAboveItsBaseline_IsFlagged_ForCostAndCalls_Once()
    {
        Skip.If(DateTime.UtcNow.TimeOfDay < TimeSpan.FromMinutes(5), "today has only just begun in UTC");
        var (user, agent, assistant) = await fixture.AgentAsync();
        History(assistant, days: 7, callsPerDay: 1, cost: 1m);
        Todays(assistant, calls: 10, cost: 2m);

        await SyncApi.SyncAsync(user.Client, agent);
        await SyncApi.SyncAsync(user.Client, agent, new { startDate = Today.AddDays(-8).ToString("yyyy-MM-dd") });

        (await KindsAsync(user.Client, agent)).Should().Equal("anomaly.calls", "anomaly.cost");
        var cost = (await AlertsAppFixture.AlertsAsync(user.Client)).Single(a => a.GetProperty("kind").GetString() == "anomaly.cost");
        cost.GetProperty("value").GetDecimal().Should().Be(20m);
        cost.GetProperty("reference").GetDecimal().Should().Be(2m, "factor 2 × a mean of 1 USD a day");
        cost.GetProperty("periodStart").GetString().Should().Be(DateOnly.FromDateTime(Today).ToString("yyyy-MM-dd"));
        cost.GetProperty("budgetId").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [SkippableFact]
    public async Task ASteadyDay_IsNotFlagged()
    {
        Skip.If(DateTime.UtcNow.TimeOfDay < TimeSpan.FromMinutes(5), "today has only just begun in UTC");
        var (user, agent, assistant) = await fixture.AgentAsync();
        History(assistant, days: 8, callsPerDay: 10, cost: 1m);
        Todays(assistant, calls: 10, cost: 1m);

        await SyncApi.SyncAsync(user.Client, agent);

        (await KindsAsync(user.Client, agent)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task ASpikeWithTooLittleHistory_IsNotFlagged_NorWhenAnomaliesAreOff()
    {
        Skip.If(DateTime.UtcNow.TimeOfDay < TimeSpan.FromMinutes(5), "today has only just begun in UTC");
        var (user, young, assistant) = await fixture.AgentAsync();
        History(assistant, days: 2, callsPerDay: 1, cost: 1m);
        Todays(assistant, calls: 10, cost: 5m);
        await SyncApi.SyncAsync(user.Client, young);

        var (other, off, offAssistant) = await fixture.AgentAsync();
        (await other.Client.PutAsJsonAsync("/api/vapi/alert-settings", new { anomaly = new { enabled = false } })).StatusCode.Should().Be(HttpStatusCode.OK);
        History(offAssistant, days: 7, callsPerDay: 1, cost: 1m);
        Todays(offAssistant, calls: 10, cost: 5m);
        await SyncApi.SyncAsync(other.Client, off);

        (await KindsAsync(user.Client, young)).Should().BeEmpty("the first call is only two days old");
        (await KindsAsync(other.Client, off)).Should().BeEmpty("the user turned anomalies off");
    }

    [SkippableFact]
    public async Task AlertSettings_HaveDefaults_AreReplaced_AndRefuseBadValues()
    {
        var user = await App.RegisterAndLoginAsync();

        var defaults = await user.Client.GetFromJsonAsync<JsonElement>("/api/vapi/alert-settings");
        defaults.GetProperty("timezone").GetString().Should().Be("UTC");
        defaults.GetProperty("anomaly").GetProperty("enabled").GetBoolean().Should().BeTrue();
        defaults.GetProperty("anomaly").GetProperty("factor").GetDecimal().Should().Be(2.0m);
        defaults.GetProperty("anomaly").GetProperty("baselineDays").GetInt32().Should().Be(7);
        defaults.GetProperty("anomaly").GetProperty("minimumCost").GetDecimal().Should().Be(5.0m);

        var put = await user.Client.PutAsJsonAsync("/api/vapi/alert-settings", new { timezone = "Pacific/Auckland", anomaly = new { enabled = true, factor = 3.5m, baselineDays = 14, minimumCost = 0m } });
        put.StatusCode.Should().Be(HttpStatusCode.OK);
        var read = await user.Client.GetFromJsonAsync<JsonElement>("/api/vapi/alert-settings");
        read.GetProperty("timezone").GetString().Should().Be("Pacific/Auckland");
        read.GetProperty("anomaly").GetProperty("factor").GetDecimal().Should().Be(3.5m);
        read.GetProperty("anomaly").GetProperty("baselineDays").GetInt32().Should().Be(14);

        (await (await user.Client.PutAsJsonAsync("/api/vapi/alert-settings", new { timezone = "Nowhere/Land" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().Should().Contain("timezone");
        (await (await user.Client.PutAsJsonAsync("/api/vapi/alert-settings", new { anomaly = new { factor = 0.5m, baselineDays = 0 } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().Should().Contain(["anomaly.factor", "anomaly.baselineDays"]);
        var stranger = await App.RegisterAndLoginAsync();
        (await stranger.Client.GetFromJsonAsync<JsonElement>("/api/vapi/alert-settings")).GetProperty("timezone").GetString().Should().Be("UTC");
    }

    [SkippableFact]
    public async Task ThreeFailedSyncsInARow_RaiseOneSyncFailingAlert_PerStreak()
    {
        var user = await App.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(user.Client, $"Broken {Guid.NewGuid():N}", AgentApi.NewKey("rejected"))).Id();

        for (var i = 0; i < 2; i++)
        {
            (await user.Client.PostAsJsonAsync("/api/vapi/sync", new { agentId = agent })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        }

        (await KindsAsync(user.Client, agent)).Should().BeEmpty("two failures are not a streak yet");
        for (var i = 0; i < 3; i++)
        {
            (await user.Client.PostAsJsonAsync("/api/vapi/sync", new { agentId = agent })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        }

        (await KindsAsync(user.Client, agent)).Should().Equal("sync.failing");
        var alert = (await AlertsAppFixture.AlertsAsync(user.Client)).Single();
        alert.GetProperty("value").GetDecimal().Should().BeGreaterThanOrEqualTo(3);
        alert.GetProperty("message").GetString().Should().Contain("Broken");
    }
}

public sealed class SqliteAnomalyAndFailingSyncTests(SqliteAlertsAppFixture fixture) : AnomalyAndFailingSyncTests(fixture), IClassFixture<SqliteAlertsAppFixture>;

public sealed class PostgreSqlAnomalyAndFailingSyncTests(PostgreSqlAlertsAppFixture fixture) : AnomalyAndFailingSyncTests(fixture), IClassFixture<PostgreSqlAlertsAppFixture>;
