using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Agents;

/// <summary>Verify calls the Vapi simulator with the stored key, over real HTTP.</summary>
public abstract class VerifyAgentKeyTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private OrgDescription Org => fixture.Vapi.Scenario.Orgs[0];

    private static async Task<JsonElement> VerifyAsync(HttpClient client, Guid id)
    {
        var response = await client.PostAsync($"/api/vapi/agents/{id}/verify", null);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    [SkippableFact]
    public async Task ValidKey_WithoutAssistant_IsValid_NamesTheOrg_AndRecordsTheTime()
    {
        var user = await App.RegisterAndLoginAsync();
        var agent = await AgentApi.CreateAsync(user.Client, "Org-wide", Org.Keys[0]);

        var result = await VerifyAsync(user.Client, agent.Id());

        result.GetProperty("valid").GetBoolean().Should().BeTrue();
        result.GetProperty("orgId").GetString().Should().Be(Org.OrgId);
        var after = await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{agent.Id()}");
        after.GetProperty("agent").GetProperty("lastVerifiedAt").ValueKind.Should().Be(JsonValueKind.String);
    }

    [SkippableFact]
    public async Task ValidKey_WithItsAssistant_IsValid_AndNamesTheAssistant()
    {
        var user = await App.RegisterAndLoginAsync();
        var assistant = Org.Assistants[1];
        var agent = await AgentApi.CreateAsync(user.Client, "One assistant", Org.Keys[1], assistant.Id);

        var result = await VerifyAsync(user.Client, agent.Id());

        result.GetProperty("valid").GetBoolean().Should().BeTrue();
        result.GetProperty("assistantName").GetString().Should().Be(assistant.Name);
        result.GetProperty("orgId").GetString().Should().Be(Org.OrgId);
    }

    [SkippableFact]
    public async Task AnotherOrgsAssistant_IsNotFound()
    {
        var user = await App.RegisterAndLoginAsync();
        var foreignAssistant = fixture.Vapi.Scenario.Orgs[1].Assistants[0];
        var agent = await AgentApi.CreateAsync(user.Client, "Wrong assistant", Org.Keys[0], foreignAssistant.Id);

        var result = await VerifyAsync(user.Client, agent.Id());

        result.GetProperty("valid").GetBoolean().Should().BeFalse();
        result.GetProperty("error").GetString().Should().Be("assistant not found");
    }

    [SkippableFact]
    public async Task UnknownKey_IsNotValid_InPlainWords_AndIsNotRecorded()
    {
        var user = await App.RegisterAndLoginAsync();
        var key = AgentApi.NewKey("unknown");
        var agent = await AgentApi.CreateAsync(user.Client, "Bad key", key);

        var response = await user.Client.PostAsync($"/api/vapi/agents/{agent.Id()}/verify", null);
        var result = await response.JsonAsync();

        result.GetProperty("valid").GetBoolean().Should().BeFalse();
        result.GetProperty("error").GetString().Should().Be("Vapi rejected this API key.");
        (await response.Content.ReadAsStringAsync()).Should().NotContain(key);
        var after = await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{agent.Id()}");
        after.GetProperty("agent").GetProperty("lastVerifiedAt").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [SkippableFact]
    public async Task VapiFailingAfterRetries_Answers502()
    {
        var user = await App.RegisterAndLoginAsync();
        var agent = await AgentApi.CreateAsync(user.Client, "Vapi down", Org.Keys[0]);
        fixture.Vapi.Simulation.Faults.Install(new FaultRule { Path = "/assistant", Kind = FaultKind.Status, Status = 503, Times = 20 });
        try
        {
            var response = await user.Client.PostAsync($"/api/vapi/agents/{agent.Id()}/verify", null);

            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadGateway);
            problem.GetProperty("detail").GetString().Should().Contain("503");
        }
        finally
        {
            fixture.Vapi.Simulation.Faults.Clear();
        }
    }
}

public sealed class SqliteVerifyAgentKeyTests(SqliteAppFixture fixture) : VerifyAgentKeyTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgreSqlVerifyAgentKeyTests(PostgreSqlAppFixture fixture) : VerifyAgentKeyTests(fixture), IClassFixture<PostgreSqlAppFixture>;

public sealed class UnreachableVapiTests
{
    [SkippableFact]
    public async Task VapiUnreachable_Answers502WithAPlainReason()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?> { ["Vapi:MaxRetries"] = "1" });
        var user = await app.RegisterAndLoginAsync();
        var agent = await AgentApi.CreateAsync(user.Client, "Nowhere", AgentApi.NewKey());

        var response = await user.Client.PostAsync($"/api/vapi/agents/{agent.Id()}/verify", null);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadGateway);
        problem.GetProperty("detail").GetString().Should().Be("Vapi could not be reached.");
    }
}
