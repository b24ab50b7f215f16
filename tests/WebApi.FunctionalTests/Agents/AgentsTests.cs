using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Agents;

/// <summary>The seed's agent routes and their rules, over HTTP, on each database.</summary>
public abstract class AgentsTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    [SkippableFact]
    public async Task Create_Answers201WithLocationAndHint_NeverTheKey()
    {
        var user = await App.RegisterAndLoginAsync();
        var key = AgentApi.NewKey();

        var response = await user.Client.PostAsJsonAsync("/api/vapi/agents", new { name = "  Patient Scheduling  ", apiKey = key, agentId = "asst_01-A" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().NotContain(key);
        var agent = (await response.JsonAsync()).GetProperty("agent");
        response.Headers.Location!.ToString().Should().Be($"/api/vapi/agents/{agent.Id()}");
        agent.GetProperty("name").GetString().Should().Be("Patient Scheduling");
        agent.GetProperty("agentId").GetString().Should().Be("asst_01-A");
        agent.GetProperty("isActive").GetBoolean().Should().BeTrue();
        agent.GetProperty("apiKeyHint").GetString().Should().Be("…" + key[^4..]);
        foreach (var field in new[] { "lastSyncedAt", "lastSyncStatus", "lastSyncError", "lastVerifiedAt" })
        {
            agent.GetProperty(field).ValueKind.Should().Be(JsonValueKind.Null, field);
        }

        agent.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "id", "name", "agentId", "isActive", "apiKeyHint", "lastSyncedAt", "lastSyncStatus", "lastSyncError",
            "lastVerifiedAt", "createdAt", "updatedAt", "deletedAt", "clientId", "verification", "concurrencyLimit");
        var fetched = await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{agent.Id()}");
        fetched.GetProperty("agent").GetProperty("name").GetString().Should().Be("Patient Scheduling");
    }

    [SkippableFact]
    public async Task List_ShowsFiftyAgentsInCreationOrder_AndOnlyTheCallersOwn()
    {
        var user = await App.RegisterAndLoginAsync();
        var other = await App.RegisterAndLoginAsync();
        await AgentApi.CreateAsync(other.Client, "Someone else's", AgentApi.NewKey());
        var names = Enumerable.Range(1, 50).Select(i => $"Agent {i:00}").Reverse().ToList();
        foreach (var name in names)
        {
            await AgentApi.CreateAsync(user.Client, name, AgentApi.NewKey());
        }

        var listed = await AgentApi.ListAsync(user.Client);

        listed.Select(a => a.GetProperty("name").GetString()).Should().Equal(names);
    }

    [SkippableFact]
    public async Task Patch_ByQueryAndByPath_ChangesOnlyTheFieldsSent()
    {
        var user = await App.RegisterAndLoginAsync();
        var agent = await AgentApi.CreateAsync(user.Client, "Refills", AgentApi.NewKey(), "asst1");
        var newKey = AgentApi.NewKey("new");

        var byQuery = await user.Client.PatchJsonAsync($"/api/vapi/agents?id={agent.Id()}", new { name = "Prescription Refills", isActive = false });
        var byPath = await user.Client.PatchJsonAsync($"/api/vapi/agents/{agent.Id()}", new { apiKey = newKey });

        byQuery.StatusCode.Should().Be(HttpStatusCode.OK);
        var afterQuery = (await byQuery.JsonAsync()).GetProperty("agent");
        afterQuery.GetProperty("name").GetString().Should().Be("Prescription Refills");
        afterQuery.GetProperty("isActive").GetBoolean().Should().BeFalse();
        afterQuery.GetProperty("agentId").GetString().Should().Be("asst1");
        var afterPath = (await byPath.JsonAsync()).GetProperty("agent");
        afterPath.GetProperty("apiKeyHint").GetString().Should().Be("…" + newKey[^4..]);
        afterPath.GetProperty("name").GetString().Should().Be("Prescription Refills");
        afterPath.GetProperty("updatedAt").GetDateTime().Should().BeOnOrAfter(afterQuery.GetProperty("updatedAt").GetDateTime());
        (await byPath.Content.ReadAsStringAsync()).Should().NotContain(newKey);
    }

    [SkippableTheory]
    [InlineData("{\"agentId\": null}")]
    [InlineData("{\"agentId\": \"\"}")]
    public async Task Patch_AgentIdNullOrEmpty_ClearsIt(string body)
    {
        var user = await App.RegisterAndLoginAsync();
        var agent = await AgentApi.CreateAsync(user.Client, "Triage", AgentApi.NewKey(), "asst1");

        var response = await user.Client.PatchRawAsync($"/api/vapi/agents/{agent.Id()}", body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.JsonAsync()).GetProperty("agent").GetProperty("agentId").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [SkippableTheory]
    [InlineData("{}", "body")]
    [InlineData("{\"color\": \"blue\"}", "body")]
    [InlineData("{\"isActive\": \"yes\"}", "isActive")]
    [InlineData("{\"isActive\": null}", "isActive")]
    [InlineData("{\"name\": 42}", "name")]
    [InlineData("{\"name\": null}", "name")]
    [InlineData("{\"name\": \"   \"}", "name")]
    [InlineData("{\"apiKey\": null}", "apiKey")]
    [InlineData("{\"apiKey\": [\"abc\"]}", "apiKey")]
    [InlineData("{\"agentId\": \"has space\"}", "agentId")]
    public async Task Patch_BadInput_Answers400NamingTheField(string body, string field)
    {
        var user = await App.RegisterAndLoginAsync();
        var agent = await AgentApi.CreateAsync(user.Client, "Billing", AgentApi.NewKey());

        var response = await user.Client.PatchRawAsync($"/api/vapi/agents/{agent.Id()}", body);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().Should().Contain(field);
    }

    public static TheoryData<string, string> BadCreates => new()
    {
        { "{\"apiKey\": \"vapi-key-12345\"}", "name" },
        { "{\"name\": \"\", \"apiKey\": \"vapi-key-12345\"}", "name" },
        { "{\"name\": \"" + new string('n', 101) + "\", \"apiKey\": \"vapi-key-12345\"}", "name" },
        { "{\"name\": \"A\"}", "apiKey" },
        { "{\"name\": \"A\", \"apiKey\": \"short7c\"}", "apiKey" },
        { "{\"name\": \"A\", \"apiKey\": \"" + new string('k', 257) + "\"}", "apiKey" },
        { "{\"name\": \"A\", \"apiKey\": \"has a space\"}", "apiKey" },
        { "{\"name\": \"A\", \"apiKey\": \"tab\\tinside-key\"}", "apiKey" },
        { "{\"name\": \"A\", \"apiKey\": 12345678}", "apiKey" },
        { "{\"name\": \"A\", \"apiKey\": \"vapi-key-12345\", \"agentId\": \"" + new string('a', 65) + "\"}", "agentId" },
        { "{\"name\": \"A\", \"apiKey\": \"vapi-key-12345\", \"agentId\": \"asst/../x\"}", "agentId" },
        { "{\"name\": true, \"apiKey\": \"vapi-key-12345\"}", "name" },
    };

    [SkippableTheory]
    [MemberData(nameof(BadCreates))]
    public async Task Create_BadInput_Answers400NamingTheField_WithoutEchoingTheKey(string body, string field)
    {
        var user = await App.RegisterAndLoginAsync();

        var response = await user.Client.PostAsync("/api/vapi/agents", HttpJson.Raw(body));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().Should().Contain(field);
        problem.ToString().Should().NotContain("vapi-key-12345").And.NotContain("short7c").And.NotContain("inside-key");
    }

    [SkippableFact]
    public async Task Names_AreUniquePerUserCaseInsensitively_AndFreeAgainAfterDelete()
    {
        var user = await App.RegisterAndLoginAsync();
        var other = await App.RegisterAndLoginAsync();
        var first = await AgentApi.CreateAsync(user.Client, "Quote Requests", AgentApi.NewKey());
        var second = await AgentApi.CreateAsync(user.Client, "Emergency Dispatch", AgentApi.NewKey());

        var clash = await user.Client.PostAsJsonAsync("/api/vapi/agents", new { name = " quote REQUESTS ", apiKey = AgentApi.NewKey() });
        var renameClash = await user.Client.PatchJsonAsync($"/api/vapi/agents/{second.Id()}", new { name = "QUOTE requests" });
        await AgentApi.CreateAsync(other.Client, "Quote Requests", AgentApi.NewKey());

        (await clash.ShouldBeProblemAsync(HttpStatusCode.Conflict)).ErrorFields().Should().Equal("name");
        (await renameClash.ShouldBeProblemAsync(HttpStatusCode.Conflict)).ErrorFields().Should().Equal("name");

        (await user.Client.DeleteAsync($"/api/vapi/agents/{first.Id()}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await AgentApi.CreateAsync(user.Client, "Quote Requests", AgentApi.NewKey());
    }

    [SkippableFact]
    public async Task TwoAgents_MayShareOneKey()
    {
        var user = await App.RegisterAndLoginAsync();
        var key = AgentApi.NewKey("shared");

        await AgentApi.CreateAsync(user.Client, "Technical Support", key, "asstA");
        await AgentApi.CreateAsync(user.Client, "Billing Support", key, "asstB");

        (await AgentApi.ListAsync(user.Client)).Should().HaveCount(2);
    }

    [SkippableFact]
    public async Task Delete_IsSoft_ByQueryOrPath_AndTwiceIs404()
    {
        var user = await App.RegisterAndLoginAsync();
        var byQuery = await AgentApi.CreateAsync(user.Client, "Product Information", AgentApi.NewKey());
        var byPath = await AgentApi.CreateAsync(user.Client, "Service Scheduling", AgentApi.NewKey());

        var deleted = await user.Client.DeleteAsync($"/api/vapi/agents?id={byQuery.Id()}");
        (await user.Client.DeleteAsync($"/api/vapi/agents/{byPath.Id()}")).StatusCode.Should().Be(HttpStatusCode.OK);

        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await deleted.JsonAsync()).GetProperty("success").GetBoolean().Should().BeTrue();
        (await AgentApi.ListAsync(user.Client)).Should().BeEmpty();
        var withDeleted = await AgentApi.ListAsync(user.Client, includeDeleted: true);
        withDeleted.Select(a => a.Id()).Should().Equal(byQuery.Id(), byPath.Id());
        withDeleted.Should().OnlyContain(a => a.GetProperty("deletedAt").ValueKind == JsonValueKind.String && !a.GetProperty("isActive").GetBoolean());
        await (await user.Client.GetAsync($"/api/vapi/agents/{byQuery.Id()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.DeleteAsync($"/api/vapi/agents?id={byQuery.Id()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task MalformedOrMissingIds_Answer400Or404_Never500()
    {
        var user = await App.RegisterAndLoginAsync();

        await (await user.Client.GetAsync("/api/vapi/agents/not-a-guid")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.PostAsync("/api/vapi/agents/123/verify", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await user.Client.PatchJsonAsync("/api/vapi/agents?id=not-a-guid", new { name = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("id");
        (await (await user.Client.DeleteAsync("/api/vapi/agents"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("id");
        (await (await user.Client.GetAsync("/api/vapi/agents?includeDeleted=maybe"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("includeDeleted");
    }

    [SkippableFact]
    public async Task RotateRoute_IsForAdminsOnly()
    {
        var user = await App.RegisterAndLoginAsync();

        await (await user.Client.PostAsync("/api/admin/encryption/rotate", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteAgentsTests(SqliteAppFixture fixture) : AgentsTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgreSqlAgentsTests(PostgreSqlAppFixture fixture) : AgentsTests(fixture), IClassFixture<PostgreSqlAppFixture>;
