using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Alerts;

/// <summary>An app whose simulator starts empty: each test adds the calls it needs, under an assistant of its own.</summary>
public abstract class AlertsAppFixture(Provider provider) : AppFixture(provider)
{
    protected override ScenarioSpec Scenario() => new()
    {
        Seed = 17,
        Orgs = [new OrgSpec { KeyCount = 1, Assistants = 1, Calls = 0 }],
    };

    public string Key => Vapi.Scenario.Orgs[0].Keys[0];

    /// <summary>A fresh user with an agent that sees only the calls of its own assistant.</summary>
    public async Task<(UserSession User, Guid Agent, string Assistant)> AgentAsync(UserSession? user = null)
    {
        user ??= await App.RegisterAndLoginAsync();
        var assistant = $"asst-{Guid.NewGuid():N}";
        var agent = (await AgentApi.CreateAsync(user.Client, $"Watched {Guid.NewGuid():N}", Key, assistant)).Id();
        return (user, agent, assistant);
    }

    /// <summary>Ended calls of the assistant created at the given instants, each costing <paramref name="cost"/>.</summary>
    public void AddCalls(string assistant, decimal cost, params DateTime[] createdAt) =>
        Vapi.Simulation.AddCalls(Key, createdAt.Select(at => Call(assistant, cost, at)));

    public static JsonObject Call(string assistant, decimal cost, DateTime createdAt)
    {
        var at = createdAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = $"call-{Guid.NewGuid():N}", ["assistantId"] = assistant, ["createdAt"] = at, ["updatedAt"] = at,
            ["status"] = "ended", ["type"] = "inboundPhoneCall", ["cost"] = cost,
        };
    }

    public static async Task<JsonElement> CreateBudgetAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/vapi/budgets", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return (await response.JsonAsync()).GetProperty("budget");
    }

    public static async Task<List<JsonElement>> AlertsAsync(HttpClient client, string status = "all")
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/vapi/alerts?status={status}&limit=200");
        return [.. body.GetProperty("alerts").EnumerateArray()];
    }

    /// <summary>Polls until the predicate holds on the user's alerts, or the time is up (then answers what there is).</summary>
    public static async Task<List<JsonElement>> AlertsWhenAsync(HttpClient client, Func<List<JsonElement>, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var alerts = await AlertsAsync(client);
            if (done(alerts) || DateTime.UtcNow > deadline)
            {
                return alerts;
            }

            await Task.Delay(200);
        }
    }
}

public sealed class SqliteAlertsAppFixture() : AlertsAppFixture(Provider.Sqlite);

public sealed class PostgreSqlAlertsAppFixture() : AlertsAppFixture(Provider.PostgreSql);
