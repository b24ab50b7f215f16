using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Sync;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Sync;

/// <summary>
/// Org 0: 3,000 calls over 10 days, 1,500 of them sharing one createdAt (a batch campaign), ties, in-progress
/// calls, mixed successEvaluation types and unknown ended reasons. Org 1: a smaller org that tests advance.
/// Org 2: empty, for hand-made calls.
/// </summary>
public abstract class SyncAppFixture(Provider provider) : AppFixture(provider)
{
    protected override ScenarioSpec Scenario() => new()
    {
        Seed = 11,
        Orgs =
        [
            new OrgSpec { KeyCount = 2, Assistants = 3, Calls = 3000, Days = 10, BatchInstant = 1500 },
            new OrgSpec { KeyCount = 1, Assistants = 2, Calls = 600, Days = 5, InProgressPercent = 10 },
            new OrgSpec { KeyCount = 1, Assistants = 1, Calls = 0 },
        ],
    };

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?> { ["Sync:LeaseSeconds"] = "2" };
}

public sealed class SqliteSyncAppFixture() : SyncAppFixture(Provider.Sqlite);

public sealed class PostgreSqlSyncAppFixture() : SyncAppFixture(Provider.PostgreSql);

public abstract class SyncTests(SyncAppFixture fixture)
{
    private TestApp App => fixture.App;

    private VapiSimulation Vapi => fixture.Vapi.Simulation;

    private OrgDescription Org(int index) => fixture.Vapi.Scenario.Orgs[index];

    private async Task<(UserSession User, Guid AgentId)> AgentAsync(int org, string? assistantId = null, int key = 0)
    {
        var user = await App.RegisterAndLoginAsync();
        var agent = await AgentApi.CreateAsync(user.Client, $"Agent {Guid.NewGuid():N}", Org(org).Keys[key], assistantId);
        return (user, agent.Id());
    }

    private async Task<string> UserIdOfAsync(Guid agentId)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.Agents.Where(a => a.Id == agentId).Select(a => a.UserId).SingleAsync();
    }

    [SkippableFact]
    public async Task FullSync_PastEveryPageLimit_StoresExactlyTheGroundTruth_AndNothingPersonal()
    {
        var (user, agentId) = await AgentAsync(0);

        var run = await SyncApi.SyncAsync(user.Client, agentId);

        var truth = Vapi.Truth(Org(0).Keys[0]);
        truth.Calls.Should().Be(3000);
        run.GetProperty("status").GetString().Should().Be("succeeded");
        run.GetProperty("mode").GetString().Should().Be("incremental");
        run.GetProperty("fetched").GetInt32().Should().Be(truth.Calls);
        run.GetProperty("created").GetInt32().Should().Be(truth.Calls);
        run.GetProperty("saturatedWindows").GetInt32().Should().Be(0);
        (await StoredTotals.ReadAsync(App, agentId)).ShouldEqual(truth);
        await StoredTotals.ShouldMatchRollupsAsync(App, await UserIdOfAsync(agentId));

        var stored = await DatabaseSnapshot.ReadAllAsync(App);
        stored.Should().NotContain("+1415555", "customer numbers are never stored")
            .And.NotContain("storage.vapi.ai", "recordings are never stored")
            .And.NotContain("User: ", "transcripts are never stored");

        var agent = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{agentId}")).GetProperty("agent");
        agent.GetProperty("lastSyncStatus").GetString().Should().Be("succeeded");
        agent.GetProperty("lastSyncedAt").ValueKind.Should().Be(JsonValueKind.String);
    }

    [SkippableFact]
    public async Task AnAgentWithAnAssistant_SyncsThatAssistantsCallsOnly()
    {
        var assistant = Org(0).Assistants[1].Id;
        var (user, agentId) = await AgentAsync(0, assistant, key: 1);

        await SyncApi.SyncAsync(user.Client, agentId);

        (await StoredTotals.ReadAsync(App, agentId)).ShouldEqual(Vapi.Truth(Org(0).Keys[1], assistant));
    }

    [SkippableFact]
    public async Task Resync_ChangesNothing()
    {
        var (user, agentId) = await AgentAsync(0);
        await SyncApi.SyncAsync(user.Client, agentId);

        var incremental = await SyncApi.SyncAsync(user.Client, agentId);
        var range = await SyncApi.SyncAsync(user.Client, agentId, new { startDate = DateTime.UtcNow.AddDays(-12).ToString("yyyy-MM-dd"), endDate = DateTime.UtcNow.ToString("yyyy-MM-dd") });

        foreach (var run in new[] { incremental, range })
        {
            run.GetProperty("created").GetInt32().Should().Be(0);
            run.GetProperty("updated").GetInt32().Should().Be(0);
        }

        range.GetProperty("fetched").GetInt32().Should().Be(3000);
        (await StoredTotals.ReadAsync(App, agentId)).ShouldEqual(Vapi.Truth(Org(0).Keys[0]));
        await StoredTotals.ShouldMatchRollupsAsync(App, await UserIdOfAsync(agentId));
    }

    [SkippableFact]
    public async Task Incremental_PicksUpTheFinalCostOfCallsThatWereInProgress()
    {
        var (user, agentId) = await AgentAsync(1);
        await SyncApi.SyncAsync(user.Client, agentId);
        Vapi.Truth(Org(1).Keys[0]).InProgress.Should().BeGreaterThan(0);

        var advanced = await Vapi.AdvanceAsync(new AdvanceRequest { Key = Org(1).Keys[0], FinishInProgress = true, NewCalls = 25 });
        var run = await SyncApi.SyncAsync(user.Client, agentId);

        advanced.FinishedCallIds.Should().NotBeEmpty();
        run.GetProperty("updated").GetInt32().Should().BeGreaterThanOrEqualTo(advanced.FinishedCallIds.Count - 1);
        run.GetProperty("created").GetInt32().Should().Be(advanced.CreatedCallIds.Count);
        (await StoredTotals.ReadAsync(App, agentId)).ShouldEqual(Vapi.Truth(Org(1).Keys[0]));
        await StoredTotals.ShouldMatchRollupsAsync(App, await UserIdOfAsync(agentId));
    }

    [SkippableFact]
    public async Task RangeSync_ReadsTheDatesAsWholeDaysInTheTimeZone()
    {
        var (user, agentId) = await AgentAsync(0);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var anchor = fixture.Vapi.Scenario.Anchor.UtcDateTime;
        var first = DateOnly.FromDateTime(anchor.AddDays(-6));
        var last = DateOnly.FromDateTime(anchor.AddDays(-3));

        var run = await SyncApi.SyncAsync(user.Client, agentId, new { startDate = $"{first:yyyy-MM-dd}", endDate = $"{last:yyyy-MM-dd}", timezone = "America/New_York" });

        var from = TimeZoneInfo.ConvertTimeToUtc(first.ToDateTime(TimeOnly.MinValue), zone);
        var to = TimeZoneInfo.ConvertTimeToUtc(last.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        run.GetProperty("mode").GetString().Should().Be("range");
        run.GetProperty("windowStart").GetDateTime().Should().Be(from);
        run.GetProperty("windowEnd").GetDateTime().Should().Be(to);
        var truth = Vapi.Truth(Org(0).Keys[0], null, from, to);
        truth.Calls.Should().BeGreaterThan(0);
        (await StoredTotals.ReadAsync(App, agentId)).ShouldEqual(truth);
    }

    [SkippableFact]
    public async Task ARejectedKey_Answers422_RecordsTheFailure_AndIsNotRetried()
    {
        var user = await App.RegisterAndLoginAsync();
        var key = AgentApi.NewKey("rejected");
        var agent = (await AgentApi.CreateAsync(user.Client, "Rejected", key)).Id();
        Vapi.Requests.Clear();

        var response = await user.Client.PostAsJsonAsync("/api/vapi/sync", new { agentId = agent });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("detail").GetString().Should().Be("Vapi rejected this agent's API key.");
        var run = await SyncApi.WaitForAsync(user.Client, problem.GetProperty("syncId").GetString()!);
        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().Be("Vapi rejected this agent's API key.");
        var stored = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{agent}")).GetProperty("agent");
        stored.GetProperty("lastSyncStatus").GetString().Should().Be("failed");
        stored.GetProperty("lastSyncError").GetString().Should().Be("Vapi rejected this agent's API key.");
        Vapi.Requests.Entries().Count(e => e.Path.StartsWith("/call")).Should().Be(1, "a rejected key is not retried");
    }

    [SkippableFact]
    public async Task ASecondSyncWhileOneRuns_Is409NamingTheRunningSync_AndTheFirstFinishesExactly()
    {
        var (user, agentId) = await AgentAsync(0);
        Vapi.Faults.Install(new FaultRule { Path = "/call", Kind = FaultKind.Delay, DelayMs = 1500, Nth = 1 });
        try
        {
            var started = await user.Client.PostAsJsonAsync("/api/vapi/sync", new { agentId, wait = false });
            var second = await user.Client.PostAsJsonAsync("/api/vapi/sync", new { agentId });

            started.StatusCode.Should().Be(HttpStatusCode.Accepted);
            var runId = (await started.JsonAsync()).GetProperty("sync").GetProperty("id").GetString()!;
            started.Headers.Location!.ToString().Should().Be($"/api/vapi/sync/{runId}");
            var conflict = await second.ShouldBeProblemAsync(HttpStatusCode.Conflict);
            conflict.GetProperty("detail").GetString().Should().Contain(runId);

            var finished = await SyncApi.WaitForAsync(user.Client, runId);
            finished.GetProperty("status").GetString().Should().Be("succeeded");
            (await StoredTotals.ReadAsync(App, agentId)).ShouldEqual(Vapi.Truth(Org(0).Keys[0]));
        }
        finally
        {
            Vapi.Faults.Clear();
        }
    }

    [SkippableFact]
    public async Task ALeaseLeftByADeadProcess_BlocksOnlyUntilItExpires_AndItsRunIsMarkedInterrupted()
    {
        var (user, agentId) = await AgentAsync(1);
        var deadRun = Guid.CreateVersion7();
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var userId = await db.Agents.Where(a => a.Id == agentId).Select(a => a.UserId).SingleAsync();
            var run = SyncRun.Queue(deadRun, agentId, userId, SyncTrigger.Scheduled, SyncMode.Incremental, DateTime.UtcNow.AddDays(-1), DateTime.UtcNow, DateTime.UtcNow);
            run.Start(DateTime.UtcNow);
            db.SyncRuns.Add(run);
            db.SyncLeases.Add(new SyncLease { AgentId = agentId, RunId = deadRun, Holder = "dead-host/1", ExpiresAt = DateTime.UtcNow.AddSeconds(1.5) });
            await db.SaveChangesAsync();
        }

        var blocked = await user.Client.PostAsJsonAsync("/api/vapi/sync", new { agentId });
        await Task.Delay(TimeSpan.FromSeconds(1.7));
        var afterExpiry = await SyncApi.SyncAsync(user.Client, agentId);

        (await blocked.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().Should().Contain(deadRun.ToString());
        afterExpiry.GetProperty("status").GetString().Should().Be("succeeded");
        var dead = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/sync/{deadRun}")).GetProperty("sync");
        dead.GetProperty("status").GetString().Should().Be("failed");
        dead.GetProperty("error").GetString().Should().Contain("interrupted");
        (await StoredTotals.ReadAsync(App, agentId)).ShouldEqual(Vapi.Truth(Org(1).Keys[0]));
    }

    [SkippableFact]
    public async Task MoreThanAPageInOneInstantOnBothTimes_EndsPartial_AndSaysSo()
    {
        var key = Org(2).Keys[0];
        var instant = DateTime.UtcNow.AddHours(-3).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        var calls = Enumerable.Range(0, 1100).Select(i => new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = $"saturated-{i:D5}", ["createdAt"] = instant, ["updatedAt"] = instant, ["status"] = "ended", ["cost"] = 0.01m,
        });
        Vapi.AddCalls(key, calls);
        var (user, agentId) = await AgentAsync(2);

        var run = await SyncApi.SyncAsync(user.Client, agentId);

        run.GetProperty("status").GetString().Should().Be("partial");
        run.GetProperty("saturatedWindows").GetInt32().Should().Be(1);
        run.GetProperty("error").GetString().Should().Contain("cannot list past");
        run.GetProperty("fetched").GetInt32().Should().Be(1000);
        var agent = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{agentId}")).GetProperty("agent");
        agent.GetProperty("lastSyncStatus").GetString().Should().Be("partial");
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "{}", "agentId" },
        { "{\"agentId\": \"not-a-guid\"}", "agentId" },
        { "{\"agentId\": \"AGENT\", \"startDate\": \"2024-13-01\"}", "startDate" },
        { "{\"agentId\": \"AGENT\", \"endDate\": \"31/01/2024\"}", "endDate" },
        { "{\"agentId\": \"AGENT\", \"startDate\": \"2024-02-01\", \"endDate\": \"2024-01-01\"}", "startDate" },
        { "{\"agentId\": \"AGENT\", \"startDate\": \"2023-01-01\", \"endDate\": \"2024-06-01\"}", "endDate" },
        { "{\"agentId\": \"AGENT\", \"timezone\": \"Mars/Olympus_Mons\"}", "timezone" },
        { "{\"agentId\": \"AGENT\", \"startDate\": \"2999-01-01\"}", "startDate" },
        // Sync:MaxRangeDays holds when one date is given, too: the other is "now" or the usual look-back.
        { "{\"agentId\": \"AGENT\", \"startDate\": \"2000-01-01\"}", "startDate" },
        { "{\"agentId\": \"AGENT\", \"wait\": \"soon\"}", "wait" },
    };

    [SkippableTheory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInput_Answers400NamingTheField(string body, string field)
    {
        var (user, agentId) = await AgentAsync(1);

        var response = await user.Client.PostAsync("/api/vapi/sync", HttpJson.Raw(body.Replace("AGENT", agentId.ToString())));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Contain(field);
    }

    [SkippableFact]
    public async Task UnknownAgent_Is404()
    {
        var user = await App.RegisterAndLoginAsync();

        await (await user.Client.PostAsJsonAsync("/api/vapi/sync", new { agentId = Guid.NewGuid() })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Runs_AreListedNewestFirst_APageAtATime()
    {
        var (user, agentId) = await AgentAsync(1);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await SyncApi.SyncAsync(user.Client, agentId)).GetProperty("id").GetString()!);
        }

        var first = await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/sync?agentId={agentId}&limit=2");
        var rest = await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/sync?agentId={agentId}&limit=2&offset=2");
        var badLimit = await user.Client.GetAsync($"/api/vapi/sync?agentId={agentId}&limit=1000");

        first.GetProperty("syncs").EnumerateArray().Select(s => s.GetProperty("id").GetString()).Should().Equal(ids[2], ids[1]);
        rest.GetProperty("syncs").EnumerateArray().Select(s => s.GetProperty("id").GetString()).Should().Equal(ids[0]);
        (await badLimit.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("limit");
    }
}

public sealed class SqliteSyncTests(SqliteSyncAppFixture fixture) : SyncTests(fixture), IClassFixture<SqliteSyncAppFixture>;

public sealed class PostgreSqlSyncTests(PostgreSqlSyncAppFixture fixture) : SyncTests(fixture), IClassFixture<PostgreSqlSyncAppFixture>;
