using VapiAgents.Client;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.AccessTokens;

/// <summary>The generated client (src/Client) against the running app, as a script would use it: with a personal access token.</summary>
public abstract class TypedClientTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    [SkippableFact]
    public async Task TheTypedClient_WithAWriteToken_CreatesListsSyncsAndReadsMetrics_AndAReadTokenGets403OnWrites()
    {
        var user = await App.RegisterAndLoginAsync();
        var (_, write) = await AccessTokenApi.CreateAsync(user.Client, "write");
        var (_, read) = await AccessTokenApi.CreateAsync(user.Client, "read");
        using var writeHttp = AccessTokenApi.ClientWith(App, write);
        using var readHttp = AccessTokenApi.ClientWith(App, read);
        IVapiAgentsClient client = new VapiAgentsClient(writeHttp);
        IVapiAgentsClient reader = new VapiAgentsClient(readHttp);
        var key = fixture.Vapi.Scenario.Orgs[0].Keys[0];

        var created = await client.CreateAgentAsync(new CreateAgentRequest { Name = $"Typed {Guid.NewGuid():N}", ApiKey = key });
        var listed = await client.ListAgentsAsync(includeDeleted: false);
        var sync = await client.SyncAgentAsync(new SyncRequest { AgentId = created.Agent.Id });
        var metrics = await reader.GetMetricsAsync(created.Agent.Id, null, null, null, null, null, null, null, null);
        var refused = await FluentActions.Awaiting(() => reader.SyncAgentAsync(new SyncRequest { AgentId = created.Agent.Id }))
            .Should().ThrowAsync<ApiException>();

        created.Agent.ApiKeyHint.Should().Be("…" + key[^4..]);
        listed.Agents.Select(a => a.Id).Should().Contain(created.Agent.Id);
        sync.Sync.Status.Should().Be(SyncRunStatus.Succeeded);
        sync.Sync.Fetched.Should().BeGreaterThan(0);
        metrics.Metrics.Totals.Calls.Should().BeGreaterThan(0);
        refused.Which.StatusCode.Should().Be(403);
    }
}

public sealed class SqliteTypedClientTests(SqliteAppFixture fixture) : TypedClientTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgreSqlTypedClientTests(PostgreSqlAppFixture fixture) : TypedClientTests(fixture), IClassFixture<PostgreSqlAppFixture>;
