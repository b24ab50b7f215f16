using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Sync;

/// <summary>A small org, and a client that gives up quickly, so every fault plays out in well under a second.</summary>
public abstract class FaultAppFixture(Provider provider) : AppFixture(provider)
{
    protected override ScenarioSpec Scenario() => new()
    {
        Seed = 21,
        Anchor = DateTimeOffset.UtcNow.AddMinutes(-1),
        Orgs = [new OrgSpec { KeyCount = 1, Assistants = 2, Calls = 1300, Days = 3, BatchInstant = 1050 }],
    };

    /// <summary>How many /call requests a clean sync of the test range makes (measured once).</summary>
    public int? Pages { get; set; }

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Vapi:AttemptTimeoutSeconds"] = "2",
        ["Vapi:MaxRetries"] = "3",
        ["Vapi:RetryBaseDelaySeconds"] = "0.02",
        ["Vapi:MaxRetryDelaySeconds"] = "1",
        ["Sync:ManualSyncsPerMinute"] = "1000",
    };
}

public sealed class SqliteFaultAppFixture() : FaultAppFixture(Provider.Sqlite);

public sealed class PostgreSqlFaultAppFixture() : FaultAppFixture(Provider.PostgreSql);

/// <summary>
/// The fault matrix: every fault kind at the first, a middle and the last page of a sync. Each run ends
/// either succeeded with exact totals or failed with a clear error, and the clean run after it is exact:
/// no call lost or counted twice.
/// </summary>
public abstract class SyncFaultTests(FaultAppFixture fixture, ITestOutputHelper output)
{
    private TestApp App => fixture.App;

    private VapiSimulation Vapi => fixture.Vapi.Simulation;

    private string Key => fixture.Vapi.Scenario.Orgs[0].Keys[0];

    // Fixed dates: every run asks Vapi the same sequence of pages, so "the last page" means the same request each time.
    private object Range => new
    {
        startDate = fixture.Vapi.Scenario.Anchor.UtcDateTime.AddDays(-4).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
        endDate = fixture.Vapi.Scenario.Anchor.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
    };

    public static TheoryData<string> Faults => new(FaultCases.Keys);

    private static readonly Dictionary<string, FaultRule> FaultCases = new()
    {
        ["429 with Retry-After"] = new FaultRule { Kind = FaultKind.Status, Status = 429, RetryAfterSeconds = 1 },
        ["429 without Retry-After"] = new FaultRule { Kind = FaultKind.Status, Status = 429 },
        ["500"] = new FaultRule { Kind = FaultKind.Status, Status = 500 },
        ["502"] = new FaultRule { Kind = FaultKind.Status, Status = 502 },
        ["503"] = new FaultRule { Kind = FaultKind.Status, Status = 503 },
        ["timeout"] = new FaultRule { Kind = FaultKind.Delay, DelayMs = 2600 },
        ["truncated JSON"] = new FaultRule { Kind = FaultKind.Truncate },
        ["connection reset"] = new FaultRule { Kind = FaultKind.Reset },
    };

    [SkippableTheory]
    [MemberData(nameof(Faults))]
    public async Task AFaultOnce_AtTheFirstMiddleOrLastPage_IsSurvivedWithExactTotals(string fault)
    {
        var pages = await CountPagesAsync();
        foreach (var nth in new[] { 1, pages / 2, pages })
        {
            var (user, agentId) = await NewAgentAsync();
            Vapi.Faults.Install(FaultCases[fault] with { Path = "/call", Nth = nth, Times = 1 });
            try
            {
                var run = await SyncApi.SyncAsync(user.Client, agentId, Range);

                run.GetProperty("status").GetString().Should().Be("succeeded", $"{fault} at page {nth} of {pages}");
                Vapi.Faults.Installed().Single().Seen.Should().BeGreaterThanOrEqualTo(nth, "the fault must actually have fired");
                await ShouldBeExactAsync(agentId);
            }
            finally
            {
                Vapi.Faults.Clear();
            }
        }

        output.WriteLine($"{fault}: survived at pages 1, {pages / 2} and {pages} of {pages}");
    }

    [SkippableTheory]
    [MemberData(nameof(Faults))]
    public async Task AFaultThatPersists_FailsTheRunClearly_AndTheNextCleanRunIsExact(string fault)
    {
        var pages = await CountPagesAsync();
        var (user, agentId) = await NewAgentAsync();
        Vapi.Faults.Install(FaultCases[fault] with { Path = "/call", Nth = pages / 2, Times = 50 });
        HttpResponseMessage failed;
        try
        {
            failed = await user.Client.PostAsJsonAsync("/api/vapi/sync", new Dictionary<string, object?>
            {
                ["agentId"] = agentId,
                ["startDate"] = Range.GetType().GetProperty("startDate")!.GetValue(Range),
                ["endDate"] = Range.GetType().GetProperty("endDate")!.GetValue(Range),
            });
        }
        finally
        {
            Vapi.Faults.Clear();
        }

        var problem = await failed.ShouldBeProblemAsync(HttpStatusCode.BadGateway);
        problem.GetProperty("detail").GetString().Should().StartWith("Vapi");
        var run = await SyncApi.WaitForAsync(user.Client, problem.GetProperty("syncId").GetString()!);
        run.GetProperty("status").GetString().Should().Be("failed");

        var clean = await SyncApi.SyncAsync(user.Client, agentId, Range);

        clean.GetProperty("status").GetString().Should().Be("succeeded");
        await ShouldBeExactAsync(agentId);
    }

    private async Task<(UserSession, Guid)> NewAgentAsync()
    {
        var user = await App.RegisterAndLoginAsync();
        return (user, (await AgentApi.CreateAsync(user.Client, "Faulty", Key)).Id());
    }

    /// <summary>How many /call requests a clean sync of the range makes.</summary>
    private async Task<int> CountPagesAsync()
    {
        if (fixture.Pages is { } known)
        {
            return known;
        }

        var (user, agentId) = await NewAgentAsync();
        Vapi.Requests.Clear();
        await SyncApi.SyncAsync(user.Client, agentId, Range);
        var pages = Vapi.Requests.Entries().Count(e => e.Path == "/call");
        pages.Should().BeGreaterThan(3);
        return (fixture.Pages = pages).Value;
    }

    private async Task ShouldBeExactAsync(Guid agentId)
    {
        var anchor = fixture.Vapi.Scenario.Anchor.UtcDateTime;
        (await StoredTotals.ReadAsync(App, agentId)).ShouldEqual(Vapi.Truth(Key, null, anchor.AddDays(-4), anchor.AddMilliseconds(1)));
    }
}

public sealed class SqliteSyncFaultTests(SqliteFaultAppFixture fixture, ITestOutputHelper output)
    : SyncFaultTests(fixture, output), IClassFixture<SqliteFaultAppFixture>;

public sealed class PostgreSqlSyncFaultTests(PostgreSqlFaultAppFixture fixture, ITestOutputHelper output)
    : SyncFaultTests(fixture, output), IClassFixture<PostgreSqlFaultAppFixture>;
