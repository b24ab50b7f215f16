using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using VapiAgents.TestSupport;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;

namespace VapiAgents.WebApi.FunctionalTests.Reliability;

/// <summary>The database goes away — for a request, or in the middle of a sync — and comes back.</summary>
public sealed class OutageTests
{
    private static async Task ExecuteAsAdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(PostgresTestServer.AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private static string DatabaseOf(TestApp app) => new NpgsqlConnectionStringBuilder(app.PostgresConnectionString).Database!;

    private static Task DropConnectionsAsync(TestApp app) =>
        ExecuteAsAdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{DatabaseOf(app)}' AND pid <> pg_backend_pid()");

    [SkippableFact]
    public async Task AnUnreachableDatabase_Answers503_ReadyTurnsUnhealthy_AndBothRecover()
    {
        await using var app = await TestApp.StartAsync(Provider.PostgreSql);
        var user = await app.RegisterAndLoginAsync();
        using var anonymous = app.CreateClient();
        var database = DatabaseOf(app);

        await ExecuteAsAdminAsync($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS false");
        try
        {
            await DropConnectionsAsync(app);
            var during = await user.Client.GetAsync("/api/vapi/agents");
            var ready = await anonymous.GetAsync("/health/ready");
            var live = await anonymous.GetAsync("/health/live");

            var problem = await during.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            problem.GetProperty("detail").GetString().Should().Contain("database");
            during.Headers.RetryAfter.Should().NotBeNull();
            ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await ready.JsonAsync()).GetProperty("status").GetString().Should().Be("Unhealthy");
            live.StatusCode.Should().Be(HttpStatusCode.OK, "the process stays up");
        }
        finally
        {
            await ExecuteAsAdminAsync($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS true");
        }

        (await user.Client.GetAsync("/api/vapi/agents")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task ConnectionsDroppedMidSync_TheRunEndsCleanly_AndTheNextIsExact()
    {
        await using var vapi = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Scenario = new ScenarioSpec { Seed = 51, Orgs = [new OrgSpec { Calls = 4000, Days = 5 }] },
        });
        await using var app = await TestApp.StartAsync(Provider.PostgreSql, new Dictionary<string, string?>
        {
            ["Vapi:BaseUrl"] = vapi.BaseUrl,
            ["Sync:LeaseSeconds"] = "3",
        });
        var key = SecretLedger.Register(vapi.Scenario.Orgs[0].Keys[0]);
        var user = await app.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(user.Client, "Mid-sync", key)).Id();
        vapi.Simulation.Faults.Install(new FaultRule { Path = "/call", Kind = FaultKind.Delay, DelayMs = 400, Nth = 2, Times = 6 });

        var started = await user.Client.PostAsJsonAsync("/api/vapi/sync", new { agentId = agent, wait = false });
        var runId = (await started.JsonAsync()).GetProperty("sync").GetProperty("id").GetString()!;
        await WaitForPagesAsync(user.Client, runId, 2);
        await DropConnectionsAsync(app);
        await Task.Delay(200);
        await DropConnectionsAsync(app);
        var interrupted = await SyncApi.WaitForAsync(user.Client, runId);
        vapi.Simulation.Faults.Clear();

        interrupted.GetProperty("status").GetString().Should().BeOneOf("succeeded", "failed");
        var clean = await SyncWhenFreeAsync(user.Client, agent, TimeSpan.FromSeconds(5));

        clean.GetProperty("status").GetString().Should().Be("succeeded");
        (await StoredTotals.ReadAsync(app, agent)).ShouldEqual(vapi.Simulation.Truth(key));
    }

    /// <summary>A sync as soon as the agent's lease is free (a lease that could not be released expires).</summary>
    internal static async Task<JsonElement> SyncWhenFreeAsync(HttpClient client, Guid agent, TimeSpan leaseExpiry)
    {
        var deadline = DateTime.UtcNow + leaseExpiry + TimeSpan.FromSeconds(2);
        while (true)
        {
            var response = await client.PostAsJsonAsync("/api/vapi/sync", new { agentId = agent });
            if (response.StatusCode != HttpStatusCode.Conflict || DateTime.UtcNow > deadline)
            {
                response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                return (await response.JsonAsync()).GetProperty("sync");
            }

            await Task.Delay(250);
        }
    }

    internal static async Task WaitForPagesAsync(HttpClient client, string runId, int pages, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var run = (await client.GetFromJsonAsync<JsonElement>($"/api/vapi/sync/{runId}")).GetProperty("sync");
            if (run.GetProperty("pages").GetInt32() >= pages || run.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                return;
            }

            await Task.Delay(50);
        }
    }
}
