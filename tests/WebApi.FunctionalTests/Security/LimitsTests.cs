using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;

namespace VapiAgents.WebApi.FunctionalTests.Security;

/// <summary>OWASP API4: what one user can make the system hold — agents (each a scheduled sync) and open export streams.</summary>
public sealed class LimitsTests
{
    [SkippableFact]
    public async Task OneAgentBeyondTheCap_Answers409NamingTheLimit_AndDeletingOneFreesASlot()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?> { ["Limits:MaxAgentsPerUser"] = "2" });
        var user = await app.RegisterAndLoginAsync();
        var other = await app.RegisterAndLoginAsync();
        var first = (await AgentApi.CreateAsync(user.Client, "One", AgentApi.NewKey("cap"))).Id();
        await AgentApi.CreateAsync(user.Client, "Two", AgentApi.NewKey("cap"));

        var third = await user.Client.PostAsJsonAsync("/api/vapi/agents", new { name = "Three", apiKey = AgentApi.NewKey("cap") });

        var problem = await third.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().Should().Contain("Limits:MaxAgentsPerUser").And.Contain("2");
        await AgentApi.CreateAsync(other.Client, "Three", AgentApi.NewKey("cap"));
        (await user.Client.DeleteAsync($"/api/vapi/agents/{first}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await AgentApi.CreateAsync(user.Client, "Three", AgentApi.NewKey("cap"));
    }

    [SkippableFact]
    public async Task AThirdExportAtOnce_Answers429WithRetryAfter_UntilAStreamEndsOrItsClientGoesAway()
    {
        var key = AgentApi.NewKey("export");
        await using var vapi = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Scenario = new ScenarioSpec { Seed = 14, Orgs = [new OrgSpec { Keys = [key], Assistants = 1, Calls = 20_000, Days = 5 }] },
        });
        await using var app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?> { ["Vapi:BaseUrl"] = vapi.BaseUrl });
        var user = await app.RegisterAndLoginAsync();
        var other = await app.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(user.Client, "Big", key)).Id();
        await SyncApi.SyncAsync(user.Client, agent);
        // A reader that never reads: a tiny receive window keeps the server's write blocked, as a slow reader would.
        using var slow = SlowReader(user);
        const string bigExport = "/api/vapi/metrics/export?groupBy=call";

        var a = await slow.GetAsync(bigExport, HttpCompletionOption.ResponseHeadersRead);
        var b = await slow.GetAsync(bigExport, HttpCompletionOption.ResponseHeadersRead);
        var third = await user.Client.GetAsync("/api/vapi/metrics/export");

        (a.StatusCode, b.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.OK));
        var problem = await third.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("detail").GetString().Should().Contain("Limits:ConcurrentExportsPerUser");
        int.Parse(third.Headers.GetValues("Retry-After").Single()).Should().BeInRange(1, 10);
        (await other.Client.GetAsync("/api/vapi/metrics/export")).StatusCode.Should().Be(HttpStatusCode.OK, "the cap is per user");

        a.Dispose(); // the client goes away in the middle of the stream
        var afterAbort = await PollAsync(() => user.Client.GetAsync("/api/vapi/metrics/export"));
        afterAbort.StatusCode.Should().Be(HttpStatusCode.OK, "an aborted stream gives its permit back");
        (await afterAbort.Content.ReadAsStringAsync()).Should().StartWith("date,");
        (await user.Client.GetAsync("/api/vapi/metrics/export")).StatusCode.Should().Be(HttpStatusCode.OK, "a finished stream gave its permit back");
        b.Dispose();
    }

    private static async Task<HttpResponseMessage> PollAsync(Func<Task<HttpResponseMessage>> send)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.TooManyRequests || DateTime.UtcNow > deadline)
            {
                return response;
            }

            await Task.Delay(100);
        }
    }

    private static HttpClient SlowReader(UserSession user)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = user.Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Tokens.AccessToken);
        return client;
    }
}
