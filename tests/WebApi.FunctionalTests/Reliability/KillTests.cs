using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.TestSupport;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;

namespace VapiAgents.WebApi.FunctionalTests.Reliability;

/// <summary>The WebApi process is killed with SIGKILL in the middle of a large sync, then started again.</summary>
public sealed class KillTests
{
    [SkippableFact]
    public async Task KilledMidSync_TheSweeperFinishesTheRunAfterRestart_AndTheNextSyncIsExact()
    {
        await using var vapi = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Scenario = new ScenarioSpec { Seed = 61, Orgs = [new OrgSpec { Calls = 12000, Days = 8 }] },
        });
        // Slow pages, so the kill lands in the middle.
        vapi.Simulation.Faults.Install(new FaultRule { Path = "/call", Kind = FaultKind.Delay, DelayMs = 250, Nth = 3, Times = 10 });
        var key = SecretLedger.Register(vapi.Scenario.Orgs[0].Keys[0]);
        using var folder = new TempFolder("kill");
        var settings = TestSettings.Encryption();
        settings["DataFolder"] = folder.Path;
        settings["Vapi:BaseUrl"] = vapi.BaseUrl;
        settings["Sync:LeaseSeconds"] = "3";
        settings["Sync:SweepSeconds"] = "1";
        settings["Sync:Enabled"] = "false";
        settings["RateLimits:SignInPerMinute"] = "1000";

        string token, runId;
        Guid agent;
        await using (var first = WebApiProcess.Start(settings))
        {
            await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            using var client = new HttpClient { BaseAddress = new Uri(first.BaseUrl) };
            token = (await Accounts.SignUpAsync(client)).Tokens.AccessToken;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            agent = (await AgentApi.CreateAsync(client, "Killed", key)).Id();
            var started = await client.PostAsJsonAsync("/api/vapi/sync", new { agentId = agent, wait = false });
            runId = (await started.JsonAsync()).GetProperty("sync").GetProperty("id").GetString()!;
            await OutageTests.WaitForPagesAsync(client, runId, 3, TimeSpan.FromSeconds(60));

            first.Kill();
            (await first.WaitForExitAsync(TimeSpan.FromSeconds(10))).Should().NotBe(0);
            first.Output.Should().NotContain(line => line.Contains(key), "the key never reaches a log line");
        }

        vapi.Simulation.Faults.Clear();
        await using var second = WebApiProcess.Start(settings);
        await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        using var again = new HttpClient { BaseAddress = new Uri(second.BaseUrl) };
        again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // The sweeper finds the killed run (its lease lapsed with the process) and runs it again to the end.
        var killedRun = await SyncApi.WaitForAsync(again, runId, TimeSpan.FromSeconds(120));
        killedRun.GetProperty("status").GetString().Should().Be("succeeded", killedRun.GetProperty("error").ToString());
        killedRun.GetProperty("requeues").GetInt32().Should().BeGreaterThan(0, "the killed process could not finish it");

        var clean = await OutageTests.SyncWhenFreeAsync(again, agent, TimeSpan.FromSeconds(3));

        clean.GetProperty("status").GetString().Should().Be("succeeded");
        var truth = vapi.Simulation.Truth(key);
        var metrics = (await again.GetFromJsonAsync<JsonElement>(
            $"/api/vapi/metrics?agentId={agent}&startDate={DateTime.UtcNow.AddDays(-12):yyyy-MM-dd}&endDate={DateTime.UtcNow:yyyy-MM-dd}")).GetProperty("metrics");
        metrics.GetProperty("totals").GetProperty("calls").GetInt64().Should().Be(truth.Calls);
        metrics.GetProperty("totals").GetProperty("cost").GetDecimal().Should().Be(truth.Cost);
        metrics.GetProperty("totals").GetProperty("durationSeconds").GetDecimal().Should().Be(truth.DurationSeconds);
        second.Output.Should().NotContain(line => line.Contains(key));
    }

}
