using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using Xunit.Abstractions;

namespace VapiAgents.WebApi.FunctionalTests.Schedule;

/// <summary>
/// Two instances, each with its own Hangfire server, on one PostgreSQL database, with the schedule at every
/// minute: they behave as one product.
/// </summary>
public sealed class TwoInstanceTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task TwoInstances_OnePostgreSql_BehaveAsOneProduct()
    {
        await using var vapi = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Scenario = new ScenarioSpec { Seed = 41, Orgs = [new OrgSpec { KeyCount = 1, Assistants = 3, Calls = 1500, Days = 5 }] },
        });
        var key = SecretLedger.Register(vapi.Scenario.Orgs[0].Keys[0]);
        var settings = new Dictionary<string, string?>
        {
            ["Vapi:BaseUrl"] = vapi.BaseUrl,
            ["Sync:Enabled"] = "true",
            ["Sync:Schedule"] = "* * * * *",
        };
        await using var first = await TestApp.StartAsync(Provider.PostgreSql, settings);
        await using var second = first.StartPeer();

        // A token issued by one instance works on the other.
        var user = await first.RegisterAndLoginAsync();
        using var onSecond = second.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Tokens.AccessToken);
        var agents = new List<Guid>();
        foreach (var (name, assistant) in new[] { ("Whole org", (string?)null), ("Assistant 1", vapi.Scenario.Orgs[0].Assistants[0].Id), ("Assistant 2", vapi.Scenario.Orgs[0].Assistants[1].Id) })
        {
            agents.Add((await AgentApi.CreateAsync(onSecond, name, key, assistant)).Id());
        }

        var inactive = (await AgentApi.CreateAsync(user.Client, "Inactive", key)).Id();
        (await onSecond.PatchAsJsonAsync($"/api/vapi/agents/{inactive}", new { isActive = false })).EnsureSuccessStatusCode();

        // Manual syncs on the first instance race the schedule running on both; then the clock alone drives it.
        var manual = new List<Task<HttpResponseMessage>>();
        var clock = Stopwatch.StartNew();
        foreach (var agent in agents)
        {
            manual.Add(user.Client.PostAsJsonAsync("/api/vapi/sync", new { agentId = agent, wait = false }));
        }

        while (clock.Elapsed < TimeSpan.FromSeconds(150)
               && (await RunsAsync(first, SyncTrigger.Scheduled)).Where(r => r.Status == SyncRunStatus.Succeeded).Select(r => r.AgentId).Distinct().Count() < 3)
        {
            if (clock.Elapsed.Seconds % 20 == 0)
            {
                manual.Add(onSecond.PostAsJsonAsync("/api/vapi/sync", new { agentId = agents[0], wait = false }));
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var answers = await Task.WhenAll(manual);
        answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Accepted || a.StatusCode == HttpStatusCode.Conflict);
        await WaitAllFinishedAsync(first);
        var scheduled = await RunsAsync(first, SyncTrigger.Scheduled);
        var all = await RunsAsync(first, null);
        output.WriteLine($"{scheduled.Count} scheduled and {all.Count - scheduled.Count} manual runs in {clock.Elapsed.TotalSeconds:F0} s");

        scheduled.Select(r => r.AgentId).Distinct().Should().BeEquivalentTo(agents, "active agents sync by themselves, the inactive one does not");
        scheduled.GroupBy(r => (r.AgentId, Minute: r.QueuedAt.ToString("yyyy-MM-ddTHH:mm")))
            .Should().OnlyContain(g => g.Count() == 1, "each tick syncs an agent once, not once per instance");
        foreach (var runs in all.Where(r => r.StartedAt is not null).GroupBy(r => r.AgentId))
        {
            var ordered = runs.OrderBy(r => r.StartedAt).ToList();
            ordered.Zip(ordered.Skip(1)).Should().OnlyContain(p => p.First.FinishedAt <= p.Second.StartedAt, "syncs of one agent never overlap");
        }

        (await StoredTotals.ReadAsync(first, agents[0])).ShouldEqual(vapi.Simulation.Truth(key));

        // A webhook may land on either instance.
        var secret = SecretLedger.Register((await (await user.Client.PostAsync($"/api/vapi/agents/{agents[0]}/webhook-secret", null)).JsonAsync()).GetProperty("secret").GetString()!);
        var call = vapi.Simulation.Calls(key).First(c => c.GetProperty("status").GetString() == "ended");
        var body = new JsonObject { ["message"] = new JsonObject { ["type"] = "end-of-call-report", ["call"] = JsonNode.Parse(call.GetRawText()) } }.ToJsonString();
        using var anonymous = second.CreateClient();
        var webhook = new HttpRequestMessage(HttpMethod.Post, $"/api/vapi/webhooks/{agents[0]}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        webhook.Headers.Add("X-Vapi-Secret", secret);
        (await anonymous.SendAsync(webhook)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<List<SyncRun>> RunsAsync(TestApp app, SyncTrigger? trigger)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.SyncRuns.AsNoTracking().Where(r => trigger == null || r.Trigger == trigger).ToListAsync();
    }

    private static async Task WaitAllFinishedAsync(TestApp app)
    {
        for (var i = 0; i < 300 && (await RunsAsync(app, null)).Any(r => !r.IsFinished); i++)
        {
            await Task.Delay(100);
        }
    }
}
