using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.BackgroundJobs;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;
using Xunit.Abstractions;

namespace VapiAgents.WebApi.FunctionalTests.Schedule;

/// <summary>The recurring sync on Hangfire, triggered by hand so the tests need not wait for the clock.</summary>
public sealed class ScheduleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private SimulatorServer _vapi = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _vapi = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Scenario = new ScenarioSpec { Seed = 31, Orgs = [new OrgSpec { KeyCount = 1, Assistants = 2, Calls = 200, Days = 3 }] },
        });
        _app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?>
        {
            ["Vapi:BaseUrl"] = _vapi.BaseUrl,
            ["Sync:Enabled"] = "true",
            // Never by the clock during the test: it triggers the job itself.
            ["Sync:Schedule"] = "0 0 1 1 *",
            ["Hangfire:WorkerCount"] = "4",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _vapi.DisposeAsync();
    }

    private string Key => SecretLedger.Register(_vapi.Scenario.Orgs[0].Keys[0]);

    private void Trigger() => _app.Factory.Services.GetRequiredService<IRecurringJobManager>().Trigger(ScheduledSyncJob.RecurringJobId);

    private async Task<List<SyncRun>> ScheduledRunsAsync()
    {
        await using var scope = _app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.SyncRuns.AsNoTracking().Where(r => r.Trigger == SyncTrigger.Scheduled).ToListAsync();
    }

    private async Task<List<SyncRun>> WaitForScheduledRunsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var runs = await ScheduledRunsAsync();
            if ((runs.Count >= count && runs.All(r => r.IsFinished)) || deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(60)))
            {
                return runs;
            }

            await Task.Delay(100);
        }
    }

    [SkippableFact]
    public async Task TheSchedule_SyncsActiveAgents_NotInactiveOrDeletedOnes()
    {
        var user = await _app.RegisterAndLoginAsync();
        var active = new[] { "One", "Two" }.Select(async n => (await AgentApi.CreateAsync(user.Client, n, Key)).Id()).Select(t => t.Result).ToList();
        var inactive = (await AgentApi.CreateAsync(user.Client, "Resting", Key)).Id();
        var deleted = (await AgentApi.CreateAsync(user.Client, "Gone", Key)).Id();
        (await user.Client.PatchAsJsonAsync($"/api/vapi/agents/{inactive}", new { isActive = false })).EnsureSuccessStatusCode();
        (await user.Client.DeleteAsync($"/api/vapi/agents/{deleted}")).EnsureSuccessStatusCode();

        Trigger();
        var runs = await WaitForScheduledRunsAsync(2);
        await Task.Delay(500);

        runs = await ScheduledRunsAsync();
        runs.Select(r => r.AgentId).Should().BeEquivalentTo(active);
        runs.Should().OnlyContain(r => r.Status == SyncRunStatus.Succeeded && r.Mode == SyncMode.Incremental);
        (await StoredTotals.ReadAsync(_app, active[0])).ShouldEqual(_vapi.Simulation.Truth(_vapi.Scenario.Orgs[0].Keys[0]));
        var agent = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{active[1]}")).GetProperty("agent");
        agent.GetProperty("lastSyncStatus").GetString().Should().Be("succeeded");
    }

    [SkippableFact]
    public async Task AnAgentWhoseKeyIsRejectedThreeTimes_IsPaused_UntilItsKeyChanges()
    {
        var user = await _app.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(user.Client, "Bad key", AgentApi.NewKey("paused"))).Id();

        for (var tick = 1; tick <= 4; tick++)
        {
            Trigger();
            await WaitForScheduledRunsAsync(Math.Min(tick, 3));
            await Task.Delay(300);
        }

        var runs = await ScheduledRunsAsync();
        runs.Should().HaveCount(3, "the fourth tick skips the paused agent");
        var paused = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{agent}")).GetProperty("agent");
        paused.GetProperty("lastSyncStatus").GetString().Should().Be("paused");
        paused.GetProperty("lastSyncError").GetString().Should().Contain("paused until the key is replaced");

        (await user.Client.PatchAsJsonAsync($"/api/vapi/agents/{agent}", new { apiKey = Key })).EnsureSuccessStatusCode();
        Trigger();
        runs = await WaitForScheduledRunsAsync(4);

        runs.Should().HaveCount(4);
        runs.OrderBy(r => r.QueuedAt).Last().Status.Should().Be(SyncRunStatus.Succeeded);
    }

    [SkippableFact]
    public async Task FiftyAgents_AreSyncedByOneTick_AndTheTimeIsMeasured()
    {
        var user = await _app.RegisterAndLoginAsync();
        for (var i = 0; i < 50; i++)
        {
            await AgentApi.CreateAsync(user.Client, $"Agent {i:00}", Key, i % 2 == 0 ? null : _vapi.Scenario.Orgs[0].Assistants[i % 2].Id);
        }

        var clock = Stopwatch.StartNew();
        Trigger();
        var runs = await WaitForScheduledRunsAsync(50, TimeSpan.FromMinutes(3));
        clock.Stop();

        runs.Should().HaveCount(50).And.OnlyContain(r => r.Status == SyncRunStatus.Succeeded);
        output.WriteLine($"A scheduled tick of 50 agents ({runs.Sum(r => r.Fetched)} calls fetched) finished in {clock.ElapsedMilliseconds} ms on SQLite with 4 workers.");
    }
}
