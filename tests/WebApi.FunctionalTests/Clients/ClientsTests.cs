using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Clients;

/// <summary>The clients routes and agents' clientId over HTTP: the caller's own clients only.</summary>
public abstract class ClientsTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private string Key => fixture.Vapi.Scenario.Orgs[0].Keys[0];

    [SkippableFact]
    public async Task Create_Get_List_Patch_Delete_RoundTrip()
    {
        var user = await App.RegisterAndLoginAsync();

        var created = await ClientApi.CreateAsync(user.Client, "  Smile Dental ", "billed monthly");
        var id = created.GetProperty("id").GetGuid();

        created.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("id", "name", "notes", "agentCount", "createdAt");
        created.GetProperty("name").GetString().Should().Be("Smile Dental");
        created.GetProperty("notes").GetString().Should().Be("billed monthly");
        created.GetProperty("agentCount").GetInt32().Should().Be(0);
        var patched = await user.Client.PatchJsonAsync($"/api/vapi/clients/{id}", new { name = "Smile Dental Group", notes = (string?)null });
        patched.StatusCode.Should().Be(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        var client = (await patched.JsonAsync()).GetProperty("client");
        client.GetProperty("name").GetString().Should().Be("Smile Dental Group");
        client.GetProperty("notes").ValueKind.Should().Be(JsonValueKind.Null);
        var list = await user.Client.GetFromJsonAsync<JsonElement>("/api/vapi/clients");
        list.GetProperty("clients").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).Should().Equal(id);
        (await user.Client.DeleteAsync($"/api/vapi/clients/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await user.Client.GetAsync($"/api/vapi/clients/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task DuplicateName_InAnotherCase_Answers409NamingName()
    {
        var user = await App.RegisterAndLoginAsync();
        await ClientApi.CreateAsync(user.Client, "Acme Builders");

        var response = await user.Client.PostAsJsonAsync("/api/vapi/clients", new { name = "ACME builders" });

        (await response.ShouldBeProblemAsync(HttpStatusCode.Conflict)).ErrorFields().Should().Equal("name");
    }

    [SkippableTheory]
    [InlineData("{}", "name")]
    [InlineData("{\"name\": \"   \"}", "name")]
    [InlineData("{\"name\": 5}", "name")]
    public async Task BadInput_Answers400NamingTheField(string body, string field)
    {
        var user = await App.RegisterAndLoginAsync();

        var response = await user.Client.PostAsync("/api/vapi/clients", HttpJson.Raw(body));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Contain(field);
    }

    [SkippableFact]
    public async Task AgentClientId_IsSetOnCreate_ChangedByPatch_ClearedByNull_AndCounted()
    {
        var user = await App.RegisterAndLoginAsync();
        var first = (await ClientApi.CreateAsync(user.Client, "First")).GetProperty("id").GetGuid();
        var second = (await ClientApi.CreateAsync(user.Client, "Second")).GetProperty("id").GetGuid();

        var response = await user.Client.PostAsJsonAsync("/api/vapi/agents", new { name = "Front desk", apiKey = Key, clientId = first });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var agent = (await response.JsonAsync()).GetProperty("agent");
        agent.GetProperty("clientId").GetGuid().Should().Be(first);
        (await ClientApi.GetAsync(user.Client, first)).GetProperty("agentCount").GetInt32().Should().Be(1);

        var moved = await (await user.Client.PatchJsonAsync($"/api/vapi/agents/{agent.Id()}", new { clientId = second })).JsonAsync();
        moved.GetProperty("agent").GetProperty("clientId").GetGuid().Should().Be(second);
        (await ClientApi.GetAsync(user.Client, first)).GetProperty("agentCount").GetInt32().Should().Be(0);

        var cleared = await (await user.Client.PatchRawAsync($"/api/vapi/agents/{agent.Id()}", "{\"clientId\": null}")).JsonAsync();
        cleared.GetProperty("agent").GetProperty("clientId").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [SkippableFact]
    public async Task DeletingAClient_UnassignsItsAgents_AndKeepsThem()
    {
        var user = await App.RegisterAndLoginAsync();
        var client = (await ClientApi.CreateAsync(user.Client, "Leaving")).GetProperty("id").GetGuid();
        var response = await user.Client.PostAsJsonAsync("/api/vapi/agents", new { name = "Kept", apiKey = Key, clientId = client });
        var agent = (await response.JsonAsync()).GetProperty("agent").Id();

        (await user.Client.DeleteAsync($"/api/vapi/clients/{client}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var after = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{agent}")).GetProperty("agent");
        after.GetProperty("clientId").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [SkippableFact]
    public async Task AnotherUsersClient_OnAnAgent_Answers404NamingClientId_AndChangesNothing()
    {
        var owner = await App.RegisterAndLoginAsync();
        var stranger = await App.RegisterAndLoginAsync();
        var foreign = (await ClientApi.CreateAsync(owner.Client, "Not yours")).GetProperty("id").GetGuid();
        var agent = await AgentApi.CreateAsync(stranger.Client, "Stranger's", Key);

        var onCreate = await stranger.Client.PostAsJsonAsync("/api/vapi/agents", new { name = "Sneaky", apiKey = Key, clientId = foreign });
        var onPatch = await stranger.Client.PatchJsonAsync($"/api/vapi/agents/{agent.Id()}", new { clientId = foreign });
        var unknown = await stranger.Client.PatchJsonAsync($"/api/vapi/agents/{agent.Id()}", new { clientId = Guid.NewGuid() });

        foreach (var response in new[] { onCreate, onPatch, unknown })
        {
            (await response.ShouldBeProblemAsync(HttpStatusCode.NotFound)).ErrorFields().Should().Equal("clientId");
        }

        (await AgentApi.ListAsync(stranger.Client)).Should().ContainSingle();
        (await ClientApi.GetAsync(owner.Client, foreign)).GetProperty("agentCount").GetInt32().Should().Be(0);
    }

    [SkippableFact]
    public async Task AnotherUsersClient_IsNotListed_NorReadable_NorPriceable()
    {
        var owner = await App.RegisterAndLoginAsync();
        var stranger = await App.RegisterAndLoginAsync();
        var id = (await ClientApi.CreateAsync(owner.Client, "Private")).GetProperty("id").GetGuid();
        await ClientApi.PutPriceAsync(owner.Client, "clients", id, new { ratePerMinute = 0.2m });

        (await stranger.Client.GetFromJsonAsync<JsonElement>("/api/vapi/clients")).GetProperty("clients").GetArrayLength().Should().Be(0);
        await (await stranger.Client.GetAsync($"/api/vapi/clients/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.GetAsync($"/api/vapi/clients/{id}/pricing")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PutAsJsonAsync($"/api/vapi/clients/{id}/pricing", new { ratePerMinute = 9m })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var history = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/clients/{id}/pricing");
        history.GetProperty("prices").EnumerateArray().Single().GetProperty("ratePerMinute").GetDecimal().Should().Be(0.2m);
    }
}

public sealed class SqliteClientsTests(SqliteAppFixture fixture) : ClientsTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgreSqlClientsTests(PostgreSqlAppFixture fixture) : ClientsTests(fixture), IClassFixture<PostgreSqlAppFixture>;
