using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Agents;

/// <summary>Add as inactive, then activate: activation checks the key with the Vapi simulator over real HTTP.</summary>
public abstract class ActivationTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private OrgDescription Org => fixture.Vapi.Scenario.Orgs[0];

    private static async Task<JsonElement> CreateInactiveAsync(HttpClient client, string key, string? agentId = null)
    {
        SecretLedger.Register(key);
        var response = await client.PostAsJsonAsync("/api/vapi/agents", new { name = $"Inactive {Guid.NewGuid():N}", apiKey = key, agentId, isActive = false });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var agent = (await response.JsonAsync()).GetProperty("agent");
        agent.GetProperty("isActive").GetBoolean().Should().BeFalse();
        agent.GetProperty("verification").ValueKind.Should().Be(JsonValueKind.Null);
        return agent;
    }

    private static async Task<JsonElement> AgentAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{id}")).GetProperty("agent");

    [SkippableFact]
    public async Task ValidKey_Activates_AndRecordsTheVerification()
    {
        var user = await App.RegisterAndLoginAsync();
        var agent = await CreateInactiveAsync(user.Client, Org.Keys[0], Org.Assistants[0].Id);

        var response = await user.Client.PatchJsonAsync($"/api/vapi/agents/{agent.Id()}", new { isActive = true });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var after = (await response.JsonAsync()).GetProperty("agent");
        after.GetProperty("isActive").GetBoolean().Should().BeTrue();
        after.GetProperty("verification").GetString().Should().Be("valid");
        after.GetProperty("lastVerifiedAt").ValueKind.Should().Be(JsonValueKind.String);
    }

    [SkippableFact]
    public async Task RejectedKey_Answers422WithVapisReason_AndTheAgentStaysInactive()
    {
        var user = await App.RegisterAndLoginAsync();
        var key = AgentApi.NewKey("rejected");
        var agent = await CreateInactiveAsync(user.Client, key);

        var response = await user.Client.PatchJsonAsync($"/api/vapi/agents/{agent.Id()}", new { isActive = true, name = "Renamed too" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("detail").GetString().Should().Contain("Vapi rejected this API key.");
        (await response.Content.ReadAsStringAsync()).Should().NotContain(key);
        var after = await AgentAsync(user.Client, agent.Id());
        after.GetProperty("isActive").GetBoolean().Should().BeFalse();
        after.GetProperty("name").GetString().Should().NotBe("Renamed too", "a refused activation changes nothing");
    }

    [SkippableFact]
    public async Task UnknownAssistant_Answers422_AndVerifyMarksTheAgentInvalid()
    {
        var user = await App.RegisterAndLoginAsync();
        var agent = await CreateInactiveAsync(user.Client, Org.Keys[0], "asst-nobody-has");

        var response = await user.Client.PatchJsonAsync($"/api/vapi/agents/{agent.Id()}", new { isActive = true });
        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString().Should().Contain("assistant not found");
        (await user.Client.PostAsync($"/api/vapi/agents/{agent.Id()}/verify", null)).EnsureSuccessStatusCode();

        (await AgentAsync(user.Client, agent.Id())).GetProperty("verification").GetString().Should().Be("invalid");
        var fixedUp = await (await user.Client.PatchJsonAsync($"/api/vapi/agents/{agent.Id()}", new { agentId = Org.Assistants[0].Id })).JsonAsync();
        fixedUp.GetProperty("agent").GetProperty("verification").ValueKind.Should().Be(JsonValueKind.Null, "a new assistant id has not been checked");
    }

    [SkippableFact]
    public async Task VapiUnreachable_Answers502_AndTheAgentStaysInactive()
    {
        var user = await App.RegisterAndLoginAsync();
        var agent = await CreateInactiveAsync(user.Client, Org.Keys[0]);
        fixture.Vapi.Simulation.Faults.Install(new FaultRule { Path = "/assistant", Kind = FaultKind.Status, Status = 503, Times = 20 });
        try
        {
            var response = await user.Client.PatchJsonAsync($"/api/vapi/agents/{agent.Id()}", new { isActive = true });

            await response.ShouldBeProblemAsync(HttpStatusCode.BadGateway);
        }
        finally
        {
            fixture.Vapi.Simulation.Faults.Clear();
        }

        (await AgentAsync(user.Client, agent.Id())).GetProperty("isActive").GetBoolean().Should().BeFalse();
    }

    [SkippableFact]
    public async Task Deactivating_AndPatchingAnActiveAgent_NeedNoVapi()
    {
        var user = await App.RegisterAndLoginAsync();
        var agent = await AgentApi.CreateAsync(user.Client, $"Active {Guid.NewGuid():N}", AgentApi.NewKey("never-checked"));

        var response = await user.Client.PatchJsonAsync($"/api/vapi/agents/{agent.Id()}", new { isActive = true, name = $"Still {Guid.NewGuid():N}" });

        response.StatusCode.Should().Be(HttpStatusCode.OK, "an agent already active is not re-checked (the seed's contract)");
        (await user.Client.PatchJsonAsync($"/api/vapi/agents/{agent.Id()}", new { isActive = false })).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

public sealed class SqliteActivationTests(SqliteAppFixture fixture) : ActivationTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgreSqlActivationTests(PostgreSqlAppFixture fixture) : ActivationTests(fixture), IClassFixture<PostgreSqlAppFixture>;
