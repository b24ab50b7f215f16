using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.TestSupport;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;
using Xunit.Abstractions;

namespace VapiAgents.WebApi.FunctionalTests.BackgroundWork;

/// <summary>
/// SIGKILL with one run running and two queued behind it (their jobs held by the in-memory job storage, lost with
/// the process): after a restart the sweeper re-queues all three within its bound, and each ends exact.
/// </summary>
public sealed class KilledProcessTests(ITestOutputHelper output)
{
    private const int LeaseSeconds = 2;
    private const double SweepSeconds = 1;
    private const double SlackSeconds = 2;

    [Fact]
    public async Task KilledWithRunsQueuedAndRunning_EveryRunEndsWithinTheSweepersBound_AndExactly()
    {
        await using var vapi = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Scenario = new ScenarioSpec { Seed = 135, Orgs = [.. Enumerable.Range(0, 3).Select(_ => new OrgSpec { Calls = 3000, Days = 4 })] },
        });
        // Slow pages, so the first run is still running at the kill and the others wait behind it.
        vapi.Simulation.Faults.Install(new FaultRule { Path = "/call", Kind = FaultKind.Delay, DelayMs = 1000, Nth = 1, Times = 40 });
        var keys = vapi.Scenario.Orgs.Select(o => SecretLedger.Register(o.Keys[0])).ToList();
        using var folder = new TempFolder("kill-queued");
        var settings = TestSettings.Encryption();
        settings["DataFolder"] = folder.Path;
        settings["Vapi:BaseUrl"] = vapi.BaseUrl;
        settings["Sync:LeaseSeconds"] = LeaseSeconds.ToString();
        settings["Sync:SweepSeconds"] = SweepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Sync:OverdueSlackSeconds"] = SlackSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Sync:Enabled"] = "false";
        settings["Hangfire:WorkerCount"] = "1";
        settings["RateLimits:SignInPerMinute"] = "1000";

        string token;
        var agents = new List<Guid>();
        var runs = new List<string>();
        Stopwatch sinceKill;
        await using (var first = WebApiProcess.Start(settings))
        {
            await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            using var client = new HttpClient { BaseAddress = new Uri(first.BaseUrl) };
            token = (await Accounts.SignUpAsync(client)).Tokens.AccessToken;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            foreach (var (key, i) in keys.Select((k, i) => (k, i)))
            {
                agents.Add((await AgentApi.CreateAsync(client, $"Killed {i}", key)).Id());
                var queued = await client.PostAsJsonAsync("/api/vapi/sync", new { agentId = agents[^1], wait = false });
                queued.StatusCode.Should().Be(HttpStatusCode.Accepted);
                runs.Add((await queued.JsonAsync()).GetProperty("sync").GetProperty("id").GetString()!);
            }

            await WaitUntilRunningAsync(client, runs[0]);
            var before = await StatusesAsync(client, runs);
            output.WriteLine($"at the kill: {string.Join(", ", before)}");
            if (before[0] != "running")
            {
                output.WriteLine(string.Join('\n', first.Output.TakeLast(60)));
            }
            before[0].Should().Be("running");
            before.Skip(1).Should().OnlyContain(s => s == "queued", "one worker: the others wait behind the first");

            first.Kill();
            sinceKill = Stopwatch.StartNew();
            (await first.WaitForExitAsync(TimeSpan.FromSeconds(10))).Should().NotBe(0);
        }

        vapi.Simulation.Faults.Clear();
        await using var second = WebApiProcess.Start(settings);
        await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var ready = sinceKill.Elapsed;
        output.WriteLine($"restarted and ready {ready.TotalSeconds:F1} s after the kill");
        using var again = new HttpClient { BaseAddress = new Uri(second.BaseUrl) };
        again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // The bound: no dead run stays queued or running longer than 2 leases + a sweep + the slack — counted from
        // the kill, or from the restart when that took longer (with no process up, nothing can act).
        var bound = TimeSpan.FromSeconds((2 * LeaseSeconds) + SweepSeconds + SlackSeconds);
        var deadline = (ready > bound ? ready : TimeSpan.Zero) + bound;
        var revived = new Dictionary<string, TimeSpan>();
        while (revived.Count < runs.Count && sinceKill.Elapsed < deadline + TimeSpan.FromSeconds(5))
        {
            foreach (var id in runs.Where(id => !revived.ContainsKey(id)))
            {
                var run = (await again.GetFromJsonAsync<JsonElement>($"/api/vapi/sync/{id}")).GetProperty("sync");
                if (run.GetProperty("requeues").GetInt32() > 0 || run.GetProperty("status").GetString() is "succeeded" or "failed")
                {
                    revived[id] = sinceKill.Elapsed;
                }
            }

            await Task.Delay(100);
        }

        output.WriteLine($"re-queued after the kill: {string.Join(", ", revived.Values.Select(t => $"{t.TotalSeconds:F1} s"))} (bound {bound.TotalSeconds} s, deadline {deadline.TotalSeconds:F1} s)");
        revived.Should().HaveCount(runs.Count, "every dead run is re-queued or ended");
        revived.Values.Should().OnlyContain(t => t <= deadline + TimeSpan.FromSeconds(1), "the sweeper's bound holds (1 s for this test's polling)");

        foreach (var (id, i) in runs.Select((id, i) => (id, i)))
        {
            var run = await SyncApi.WaitForAsync(again, id, TimeSpan.FromSeconds(90));
            run.GetProperty("status").GetString().Should().Be("succeeded", run.ToString());
            var truth = vapi.Simulation.Truth(keys[i]);
            var metrics = (await again.GetFromJsonAsync<JsonElement>(
                $"/api/vapi/metrics?agentId={agents[i]}&startDate={DateTime.UtcNow.AddDays(-8):yyyy-MM-dd}&endDate={DateTime.UtcNow:yyyy-MM-dd}")).GetProperty("metrics");
            metrics.GetProperty("totals").GetProperty("calls").GetInt64().Should().Be(truth.Calls);
            metrics.GetProperty("totals").GetProperty("cost").GetDecimal().Should().Be(truth.Cost);
        }

        // The next sync of each agent is exact too.
        foreach (var (agent, i) in agents.Select((a, i) => (a, i)))
        {
            (await SyncApi.SyncAsync(again, agent)).GetProperty("status").GetString().Should().Be("succeeded");
        }
    }

    private static async Task WaitUntilRunningAsync(HttpClient client, string runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var run = (await client.GetFromJsonAsync<JsonElement>($"/api/vapi/sync/{runId}")).GetProperty("sync");
            if (run.GetProperty("status").GetString() != "queued")
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    private static async Task<List<string>> StatusesAsync(HttpClient client, IEnumerable<string> runs)
    {
        var statuses = new List<string>();
        foreach (var id in runs)
        {
            statuses.Add((await client.GetFromJsonAsync<JsonElement>($"/api/vapi/sync/{id}")).GetProperty("sync").GetProperty("status").GetString()!);
        }

        return statuses;
    }
}
