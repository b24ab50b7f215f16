using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Sync.Commands.ExecuteSyncRun;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.TestSupport;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;
using Xunit.Abstractions;

namespace VapiAgents.WebApi.FunctionalTests.BackgroundWork;

/// <summary>Syncs queued with <c>wait: false</c>: every accepted run ends, on any instance, whatever fails first.</summary>
public sealed class QueuedSyncTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> Fast = new()
    {
        ["Sync:ManualSyncsPerMinute"] = "100000",
        ["Sync:LeaseSeconds"] = "2",
        ["Sync:SweepSeconds"] = "0.5",
        ["Sync:OverdueSlackSeconds"] = "1",
        ["Hangfire:QueuePollSeconds"] = "0.2",
        ["Hangfire:WorkerCount"] = "4",
    };

    [SkippableTheory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task ABurstOf50QueuedSyncsOver10Agents_AnswersAcceptedOrConflict_AndEveryAcceptedRunSucceedsExactly(Provider provider)
    {
        await using var vapi = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Scenario = new ScenarioSpec { Seed = 131, Orgs = [.. Enumerable.Range(0, 10).Select(_ => new OrgSpec { Calls = 150, Days = 3 })] },
        });
        await using var app = await StartAsync(provider, vapi);
        // On PostgreSQL a second instance shares the database: the burst is spread over both.
        await using var peer = provider == Provider.PostgreSql ? app.StartPeer() : null;
        var user = await app.RegisterAndLoginAsync();
        var clients = new List<HttpClient> { user.Client };
        if (peer is not null)
        {
            var onPeer = peer.CreateClient();
            onPeer.DefaultRequestHeaders.Authorization = user.Client.DefaultRequestHeaders.Authorization;
            clients.Add(onPeer);
        }

        var keys = vapi.Scenario.Orgs.Select(o => SecretLedger.Register(o.Keys[0])).ToList();
        var agents = new List<Guid>();
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            agents.Add((await AgentApi.CreateAsync(user.Client, $"Burst {i}", key)).Id());
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            var response = await clients[i % clients.Count].PostAsJsonAsync("/api/vapi/sync", new { agentId = agents[i % agents.Count], wait = false });
            return (Agent: agents[i % agents.Count], response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Accepted || a.StatusCode == HttpStatusCode.Conflict,
            string.Join('\n', answers.Where(a => a.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.Conflict)).Select(a => a.Body)));
        var accepted = answers.Where(a => a.StatusCode == HttpStatusCode.Accepted).ToList();
        accepted.Select(a => a.Agent).Distinct().Should().HaveCount(10, "every agent's first sync is accepted");
        foreach (var run in accepted)
        {
            var id = JsonDocument.Parse(run.Body).RootElement.GetProperty("sync").GetProperty("id").GetString()!;
            var ended = await SyncApi.WaitForAsync(user.Client, id, TimeSpan.FromSeconds(90));
            ended.GetProperty("status").GetString().Should().Be("succeeded", ended.GetProperty("error").ToString());
        }

        foreach (var (agent, key) in agents.Zip(keys))
        {
            (await StoredTotals.ReadAsync(app, agent)).ShouldEqual(vapi.Simulation.Truth(key));
        }

        output.WriteLine($"{provider}: {accepted.Count} accepted, {answers.Length - accepted.Count} conflicts, all accepted runs succeeded");
    }

    [SkippableTheory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task AJobBodyThatFailsBeforeTheRunStarts_EndsTheRunFailed_WithTheReason(Provider provider)
    {
        await using var vapi = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Scenario = new ScenarioSpec { Seed = 132, Orgs = [new OrgSpec { Calls = 20, Days = 2 }] },
        });
        // No server: the queued run's job stays in the storage, and the test runs its body by hand.
        await using var app = await StartAsync(provider, vapi, new() { ["Hangfire:ServerEnabled"] = "false", ["Sync:SweepSeconds"] = "600" });
        var user = await app.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(user.Client, "Throws", SecretLedger.Register(vapi.Scenario.Orgs[0].Keys[0]))).Id();
        var queued = await user.Client.PostAsJsonAsync("/api/vapi/sync", new { agentId = agent, wait = false });
        queued.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var runId = (await queued.JsonAsync()).GetProperty("sync").GetProperty("id").GetGuid();

        await ExecuteSqlAsync(app, """ALTER TABLE "SyncLeases" RENAME TO "SyncLeasesAway" """);
        try
        {
            var job = async () =>
            {
                await using var scope = app.Factory.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ExecuteSyncRunCommand(runId));
            };
            await job.Should().ThrowAsync<Exception>("the job's body fails on the lease table");
        }
        finally
        {
            await ExecuteSqlAsync(app, """ALTER TABLE "SyncLeasesAway" RENAME TO "SyncLeases" """);
        }

        var run = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/sync/{runId}")).GetProperty("sync");
        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().StartWith("The sync could not start");
        run.GetProperty("startedAt").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [SkippableTheory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task AQueuedRunLeftWithoutAJob_IsQueuedAgainByTheSweeper_LongBeforeItsHoldOnTheAgentEnds(Provider provider)
    {
        await using var vapi = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Scenario = new ScenarioSpec { Seed = 136, Orgs = [new OrgSpec { Calls = 20, Days = 2 }] },
        });
        // No server: the job, once enqueued again, waits in the storage and the run stays visible as queued.
        await using var app = await StartAsync(provider, vapi, new() { ["Hangfire:ServerEnabled"] = "false" });
        var user = await app.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(user.Client, "Lost enqueue", SecretLedger.Register(vapi.Scenario.Orgs[0].Keys[0]))).Id();
        var queued = await user.Client.PostAsJsonAsync("/api/vapi/sync", new { agentId = agent, wait = false });
        queued.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var runId = (await queued.JsonAsync()).GetProperty("sync").GetProperty("id").GetGuid();

        // What a crash between committing the run and enqueueing its job leaves: a queued run with no job.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().SyncRuns
                .Where(r => r.Id == runId).ExecuteUpdateAsync(set => set.SetProperty(r => r.JobId, (string?)null));
        }

        var clock = Stopwatch.StartNew();
        JsonElement run;
        do
        {
            await Task.Delay(100);
            run = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/sync/{runId}")).GetProperty("sync");
        }
        while (run.GetProperty("requeues").GetInt32() == 0 && clock.Elapsed < TimeSpan.FromSeconds(30));

        output.WriteLine($"{provider}: re-queued {clock.Elapsed.TotalSeconds:F1} s after its job was lost");
        run.GetProperty("requeues").GetInt32().Should().Be(1, "the sweeper re-queues it although the run still holds its agent for 900 s");
        run.GetProperty("status").GetString().Should().Be("queued");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "within a few sweeps (0.5 s each), not the queued hold of 900 s");
    }

    [SkippableFact]
    public async Task AJobQueuedOnOneInstance_StartsOnTheOther_AndTheFigureIsRecorded()
    {
        await using var vapi = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Scenario = new ScenarioSpec { Seed = 133, Orgs = [new OrgSpec { Calls = 20, Days = 2 }] },
        });
        // The first instance only queues (no server); the peer runs the jobs with the default 1 s poll.
        await using var app = await StartAsync(Provider.PostgreSql, vapi, new() { ["Hangfire:ServerEnabled"] = "false", ["Hangfire:QueuePollSeconds"] = "1" });
        await using var peer = app.StartPeer(new Dictionary<string, string?> { ["Hangfire:ServerEnabled"] = "true" });
        var user = await app.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(user.Client, "Elsewhere", SecretLedger.Register(vapi.Scenario.Orgs[0].Keys[0]))).Id();
        await Task.Delay(TimeSpan.FromSeconds(2)); // the peer's workers are polling by now

        var elsewhere = await EnqueueToStartAsync(user.Client, agent);
        using var onPeer = peer.CreateClient();
        onPeer.DefaultRequestHeaders.Authorization = user.Client.DefaultRequestHeaders.Authorization;
        var here = await EnqueueToStartAsync(onPeer, agent);

        output.WriteLine($"enqueue to start, queued on the other instance: median {elsewhere[2]:F0} ms, max {elsewhere[^1]:F0} ms ({string.Join(", ", elsewhere.Select(w => w.ToString("F0")))})");
        output.WriteLine($"enqueue to start, queued on the running instance: median {here[2]:F0} ms, max {here[^1]:F0} ms ({string.Join(", ", here.Select(w => w.ToString("F0")))})");
        elsewhere[2].Should().BeLessThan(1500, "a job queued on one instance starts on another within about the 1 s poll");
    }

    /// <summary>Five queued syncs one after the other: milliseconds from queued to started, sorted.</summary>
    private static async Task<List<double>> EnqueueToStartAsync(HttpClient client, Guid agent)
    {
        var waits = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var queued = await client.PostAsJsonAsync("/api/vapi/sync", new { agentId = agent, wait = false });
            queued.StatusCode.Should().Be(HttpStatusCode.Accepted, "a run that shows it has ended has freed its agent");
            var run = await SyncApi.WaitForAsync(client, (await queued.JsonAsync()).GetProperty("sync").GetProperty("id").GetString()!);
            run.GetProperty("status").GetString().Should().Be("succeeded");
            waits.Add((run.GetProperty("startedAt").GetDateTime() - run.GetProperty("queuedAt").GetDateTime()).TotalMilliseconds);
        }

        waits.Sort();
        return waits;
    }

    [SkippableTheory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task ARunThatNothingWorksOn_MakesTheJobsHealthEntryDegraded_WithTheCount(Provider provider)
    {
        await using var vapi = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Scenario = new ScenarioSpec { Seed = 134, Orgs = [new OrgSpec { Calls = 20, Days = 2 }] },
        });
        await using var app = await StartAsync(provider, vapi, new() { ["Hangfire:ServerEnabled"] = "false", ["Sync:LeaseSeconds"] = "1" });
        var user = await app.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(user.Client, "Stuck", SecretLedger.Register(vapi.Scenario.Orgs[0].Keys[0]))).Id();
        (await JobsEntryAsync(app)).GetProperty("status").GetString().Should().Be("Healthy");

        (await user.Client.PostAsJsonAsync("/api/vapi/sync", new { agentId = agent, wait = false })).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var clock = Stopwatch.StartNew();
        JsonElement jobs;
        do
        {
            await Task.Delay(250);
            jobs = await JobsEntryAsync(app);
        }
        while (jobs.GetProperty("status").GetString() == "Healthy" && clock.Elapsed < TimeSpan.FromSeconds(30));

        jobs.GetProperty("status").GetString().Should().Be("Degraded", "no server runs the queued job");
        jobs.GetProperty("data").GetProperty("overdueRuns").GetInt32().Should().Be(1);
        jobs.GetProperty("description").GetString().Should().Contain("1 sync run(s) are overdue");
    }

    private static async Task<JsonElement> JobsEntryAsync(TestApp app)
    {
        using var client = app.CreateClient();
        var health = await client.GetFromJsonAsync<JsonElement>("/health/ready");
        return health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "jobs");
    }

    private static async Task<TestApp> StartAsync(Provider provider, SimulatorServer vapi, Dictionary<string, string?>? extra = null)
    {
        if (provider == Provider.PostgreSql)
        {
            await PostgresTestServer.RequireAsync();
        }

        var settings = new Dictionary<string, string?>(Fast) { ["Vapi:BaseUrl"] = vapi.BaseUrl };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return await TestApp.StartAsync(provider, settings);
    }

    private static async Task ExecuteSqlAsync(TestApp app, string sql)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.ExecuteSqlRawAsync(sql);
    }
}
