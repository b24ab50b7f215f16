using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Clients;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;

namespace VapiAgents.WebApi.FunctionalTests.Alerts;

/// <summary>Budgets on a client's agents (<c>clientId</c>): spend by current assignment, alerts, a deleted client, bad input and isolation.</summary>
public abstract class ClientBudgetTests(AlertsAppFixture fixture)
{
    private TestApp App => fixture.App;

    private static async Task<JsonElement> BudgetAsync(HttpClient client, JsonElement budget) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/vapi/budgets/{budget.GetProperty("id")}")).GetProperty("budget");

    private static decimal Spent(JsonElement budget) => budget.GetProperty("current").GetProperty("spent").GetDecimal();

    [SkippableFact]
    public async Task AClientBudget_CountsItsAgentsCallsOnce_ByTheirCurrentClient_AndASyncCrossesItsThresholds()
    {
        var (user, agent, assistant) = await fixture.AgentAsync();
        var client = (await ClientApi.CreateAsync(user.Client, $"Clinic {Guid.NewGuid():N}")).GetProperty("id").GetGuid();
        var twin = (await AgentApi.CreateAsync(user.Client, $"Twin {Guid.NewGuid():N}", fixture.Key, assistant)).Id();
        var (_, outsider, outsiderAssistant) = await fixture.AgentAsync(user);
        foreach (var id in new[] { agent, twin })
        {
            (await user.Client.PatchJsonAsync($"/api/vapi/agents/{id}", new { clientId = client })).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        fixture.AddCalls(assistant, 2m, DateTime.UtcNow.AddSeconds(-40));
        fixture.AddCalls(outsiderAssistant, 50m, DateTime.UtcNow.AddSeconds(-40));
        await SyncApi.SyncAsync(user.Client, agent);
        await SyncApi.SyncAsync(user.Client, twin);
        await SyncApi.SyncAsync(user.Client, outsider);

        var budget = await AlertsAppFixture.CreateBudgetAsync(user.Client, new { name = "Clinic monthly", clientId = client, period = "month", amount = 10m });

        budget.GetProperty("clientId").GetGuid().Should().Be(client);
        budget.GetProperty("agentId").ValueKind.Should().Be(JsonValueKind.Null);
        budget.GetProperty("clientDeleted").GetBoolean().Should().BeFalse();
        Spent(budget).Should().Be(2m, "the two agents of the client hold the same call, and the outsider is not the client's");
        (await AlertsAppFixture.AlertsAsync(user.Client)).Should().BeEmpty("20 % reaches no threshold");

        fixture.AddCalls(assistant, 7m, DateTime.UtcNow.AddSeconds(-20));
        await SyncApi.SyncAsync(user.Client, agent);
        var alerts = await AlertsAppFixture.AlertsWhenAsync(user.Client, a => a.Count >= 2, TimeSpan.FromSeconds(10));

        alerts.Select(a => a.GetProperty("threshold").GetInt32()).Order().Should().Equal(50, 80);
        alerts.Should().OnlyContain(a => a.GetProperty("kind").GetString() == "budget.threshold" && a.GetProperty("budgetId").GetGuid() == budget.GetProperty("id").GetGuid());
        alerts.Single(a => a.GetProperty("threshold").GetInt32() == 80).GetProperty("value").GetDecimal().Should().Be(9m);

        (await user.Client.PatchJsonAsync($"/api/vapi/agents/{outsider}", new { clientId = client })).StatusCode.Should().Be(HttpStatusCode.OK);
        Spent(await BudgetAsync(user.Client, budget)).Should().Be(59m, "by-client figures follow each agent's current client");
    }

    [SkippableFact]
    public async Task ABudgetsScope_MovesBetweenAgentClientAndEverything_OneAtATime()
    {
        var (user, agent, _) = await fixture.AgentAsync();
        var client = (await ClientApi.CreateAsync(user.Client, $"Builder {Guid.NewGuid():N}")).GetProperty("id").GetGuid();
        var budget = await AlertsAppFixture.CreateBudgetAsync(user.Client, new { name = "Scoped", agentId = agent, period = "week", amount = 10m });
        var path = $"/api/vapi/budgets/{budget.GetProperty("id")}";

        var toClient = (await (await user.Client.PatchJsonAsync(path, new { clientId = client })).JsonAsync()).GetProperty("budget");
        toClient.GetProperty("clientId").GetGuid().Should().Be(client);
        toClient.GetProperty("agentId").ValueKind.Should().Be(JsonValueKind.Null, "naming a client drops the agent scope");

        var toAgent = (await (await user.Client.PatchJsonAsync(path, new { agentId = agent })).JsonAsync()).GetProperty("budget");
        toAgent.GetProperty("agentId").GetGuid().Should().Be(agent);
        toAgent.GetProperty("clientId").ValueKind.Should().Be(JsonValueKind.Null);

        var toAll = (await (await user.Client.PatchRawAsync(path, "{\"agentId\": null, \"clientId\": null}")).JsonAsync()).GetProperty("budget");
        toAll.GetProperty("agentId").ValueKind.Should().Be(JsonValueKind.Null);
        toAll.GetProperty("clientId").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [SkippableFact]
    public async Task DeletingTheClient_KeepsTheBudgetAndItsAlerts_WhichThenSaysSoAndWatchesNoAgent()
    {
        var (user, agent, assistant) = await fixture.AgentAsync();
        var client = (await ClientApi.CreateAsync(user.Client, $"Gone {Guid.NewGuid():N}")).GetProperty("id").GetGuid();
        (await user.Client.PatchJsonAsync($"/api/vapi/agents/{agent}", new { clientId = client })).StatusCode.Should().Be(HttpStatusCode.OK);
        var budget = await AlertsAppFixture.CreateBudgetAsync(user.Client, new { name = "Gone daily", clientId = client, period = "day", amount = 1m, thresholds = new[] { 100 } });
        fixture.AddCalls(assistant, 3m, DateTime.UtcNow.AddSeconds(-10));
        await SyncApi.SyncAsync(user.Client, agent);
        (await AlertsAppFixture.AlertsWhenAsync(user.Client, a => a.Count >= 1, TimeSpan.FromSeconds(10))).Should().ContainSingle();

        (await user.Client.DeleteAsync($"/api/vapi/clients/{client}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var after = await BudgetAsync(user.Client, budget);
        after.GetProperty("clientId").GetGuid().Should().Be(client);
        after.GetProperty("clientDeleted").GetBoolean().Should().BeTrue();
        Spent(after).Should().Be(0m, "the client has no agents any more; its former agents are unassigned");
        after.GetProperty("current").GetProperty("status").GetString().Should().Be("ok");
        (await AlertsAppFixture.AlertsAsync(user.Client)).Should().ContainSingle("the alerts raised stay");
    }

    [SkippableFact]
    public async Task BothAgentIdAndClientId_Answer400_NamingClientId()
    {
        var (user, agent, _) = await fixture.AgentAsync();
        var client = (await ClientApi.CreateAsync(user.Client, $"Both {Guid.NewGuid():N}")).GetProperty("id").GetGuid();

        var onCreate = await user.Client.PostAsJsonAsync("/api/vapi/budgets", new { name = "Both", agentId = agent, clientId = client, period = "month", amount = 10m });
        (await onCreate.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("clientId");

        var budget = await AlertsAppFixture.CreateBudgetAsync(user.Client, new { name = "One", period = "month", amount = 10m });
        var onPatch = await user.Client.PatchJsonAsync($"/api/vapi/budgets/{budget.GetProperty("id")}", new { agentId = agent, clientId = client });
        (await onPatch.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("clientId");

        var empty = await user.Client.PostAsync("/api/vapi/budgets", HttpJson.Raw("""{"name":"b","period":"month","amount":10,"clientId":"00000000-0000-0000-0000-000000000000"}"""));
        (await empty.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Contain("clientId");
        var notAnId = await user.Client.PostAsync("/api/vapi/budgets", HttpJson.Raw("""{"name":"b","period":"month","amount":10,"clientId":"nope"}"""));
        (await notAnId.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Contain("clientId");
    }

    [SkippableFact]
    public async Task AnotherUsersOrAnUnknownClient_Answers404_NamingClientId_AndTheirClientBudgetsStayHidden()
    {
        var owner = await App.RegisterAndLoginAsync();
        var foreign = (await ClientApi.CreateAsync(owner.Client, $"Theirs {Guid.NewGuid():N}")).GetProperty("id").GetGuid();
        var ownersBudget = await AlertsAppFixture.CreateBudgetAsync(owner.Client, new { name = "Theirs", clientId = foreign, period = "month", amount = 10m });
        var stranger = await App.RegisterAndLoginAsync();
        var strangers = await AlertsAppFixture.CreateBudgetAsync(stranger.Client, new { name = "Mine", period = "month", amount = 10m });

        var responses = new[]
        {
            await stranger.Client.PostAsJsonAsync("/api/vapi/budgets", new { name = "Sneaky", clientId = foreign, period = "month", amount = 10m }),
            await stranger.Client.PostAsJsonAsync("/api/vapi/budgets", new { name = "Unknown", clientId = Guid.NewGuid(), period = "month", amount = 10m }),
            await stranger.Client.PatchJsonAsync($"/api/vapi/budgets/{strangers.GetProperty("id")}", new { clientId = foreign }),
        };

        foreach (var response in responses)
        {
            (await response.ShouldBeProblemAsync(HttpStatusCode.NotFound)).ErrorFields().Should().Equal("clientId");
        }

        await (await stranger.Client.GetAsync($"/api/vapi/budgets/{ownersBudget.GetProperty("id")}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await stranger.Client.GetFromJsonAsync<JsonElement>("/api/vapi/budgets")).GetProperty("budgets").EnumerateArray()
            .Select(b => b.GetProperty("name").GetString()).Should().Equal("Mine");
        (await BudgetAsync(stranger.Client, strangers)).GetProperty("clientId").ValueKind.Should().Be(JsonValueKind.Null);
    }
}

public sealed class SqliteClientBudgetTests(SqliteAlertsAppFixture fixture) : ClientBudgetTests(fixture), IClassFixture<SqliteAlertsAppFixture>;

public sealed class PostgreSqlClientBudgetTests(PostgreSqlAlertsAppFixture fixture) : ClientBudgetTests(fixture), IClassFixture<PostgreSqlAlertsAppFixture>;
