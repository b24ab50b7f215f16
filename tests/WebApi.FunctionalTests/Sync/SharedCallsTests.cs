using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Sync;

/// <summary>
/// Two agents of one user that see the same calls (one key, one agent filtered to an assistant): each keeps
/// its own view, every copy holds the newest facts, and the rollups count each call once per agent set —
/// also when both agents sync at the same moment.
/// </summary>
public abstract class SharedCallsTests(SyncAppFixture fixture)
{
    private TestApp App => fixture.App;

    private VapiSimulation Vapi => fixture.Vapi.Simulation;

    private OrgDescription Org => fixture.Vapi.Scenario.Orgs[1];

    [SkippableFact]
    public async Task TwoAgentsOnOneKey_SyncingTogether_EachGetTheirOwnViewExactly_AndCopiesStayEqual()
    {
        var user = await App.RegisterAndLoginAsync();
        var assistant = Org.Assistants[0].Id;
        var wholeOrg = (await AgentApi.CreateAsync(user.Client, "Whole org", Org.Keys[0])).Id();
        var oneAssistant = (await AgentApi.CreateAsync(user.Client, "One assistant", Org.Keys[0], assistant)).Id();

        var both = await Task.WhenAll(SyncApi.SyncAsync(user.Client, wholeOrg), SyncApi.SyncAsync(user.Client, oneAssistant));
        await Vapi.AdvanceAsync(new AdvanceRequest { Key = Org.Keys[0], FinishInProgress = true, NewCalls = 10, AssistantId = assistant });
        await SyncApi.SyncAsync(user.Client, oneAssistant);

        both.Should().OnlyContain(run => run.GetProperty("status").GetString() == "succeeded");
        (await StoredTotals.ReadAsync(App, oneAssistant)).ShouldEqual(Vapi.Truth(Org.Keys[0], assistant));

        // The whole-org agent has not synced since, yet its copies of the shared calls carry the newest facts.
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var copies = await db.CallUsages.AsNoTracking().Where(u => u.AgentId == wholeOrg || u.AgentId == oneAssistant).ToListAsync();
        copies.GroupBy(c => c.CallId).Where(g => g.Count() == 2)
            .Should().NotBeEmpty()
            .And.OnlyContain(g => g.First().ToFacts() == g.Last().ToFacts());
        await StoredTotals.ShouldMatchRollupsAsync(App, copies[0].UserId);
    }
}

public sealed class SqliteSharedCallsTests(SqliteSyncAppFixture fixture) : SharedCallsTests(fixture), IClassFixture<SqliteSyncAppFixture>;

public sealed class PostgreSqlSharedCallsTests(PostgreSqlSyncAppFixture fixture) : SharedCallsTests(fixture), IClassFixture<PostgreSqlSyncAppFixture>;

public sealed class ManualSyncRateLimitTests
{
    [SkippableFact]
    public async Task ManualSyncs_AreLimitedPerUser_With429AndRetryAfter()
    {
        await using var vapi = await VapiSimulator.SimulatorServer.StartAsync(new SimulatorOptions
        {
            Scenario = new ScenarioSpec { Orgs = [new OrgSpec { Calls = 20 }] },
        });
        await using var app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?>
        {
            ["Vapi:BaseUrl"] = vapi.BaseUrl,
            ["Sync:ManualSyncsPerMinute"] = "2",
        });
        var user = await app.RegisterAndLoginAsync();
        var other = await app.RegisterAndLoginAsync();
        var key = SecretLedger.Register(vapi.Scenario.Orgs[0].Keys[0]);
        var agent = (await AgentApi.CreateAsync(user.Client, "Limited", key)).Id();
        var othersAgent = (await AgentApi.CreateAsync(other.Client, "Not limited", key)).Id();

        await SyncApi.SyncAsync(user.Client, agent);
        await SyncApi.SyncAsync(user.Client, agent);
        var third = await user.Client.PostAsJsonAsync("/api/vapi/sync", new { agentId = agent });

        await third.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        int.Parse(third.Headers.GetValues("Retry-After").Single()).Should().BeInRange(1, 60);
        await SyncApi.SyncAsync(other.Client, othersAgent);
    }
}
