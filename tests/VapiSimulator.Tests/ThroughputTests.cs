using System.Diagnostics;
using System.Text.Json;
using VapiAgents.VapiSimulator.Tests.Support;
using Xunit.Abstractions;

namespace VapiAgents.VapiSimulator.Tests;

/// <summary>
/// Pulls a whole organisation the way the product's sync does — created-at windows of
/// limit 1000, split in two when full — and reports calls served per second.
/// </summary>
public sealed class ThroughputTests(ITestOutputHelper output)
{
    private const int CallCount = 30_000;

    [Fact]
    public async Task Serves_a_windowed_sync_quickly()
    {
        var spec = new ScenarioSpec
        {
            Seed = 9,
            Anchor = Scenarios.Anchor,
            Orgs = [new OrgSpec { Keys = [Scenarios.KeyA1], Calls = CallCount, Days = 10 }],
        };
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { Scenario = spec });
        using var client = server.Client(Scenarios.KeyA1);

        var watch = Stopwatch.StartNew();
        var (ids, requests) = await PullAllAsync(client, Scenarios.Anchor.AddDays(-11), Scenarios.Anchor.AddMinutes(1));
        watch.Stop();

        var perSecond = ids.Count / watch.Elapsed.TotalSeconds;
        output.WriteLine($"{ids.Count} calls in {requests} requests, {watch.Elapsed.TotalSeconds:F2} s: {perSecond:F0} calls/s (client parses every page)");
        ids.Should().HaveCount(CallCount);
        perSecond.Should().BeGreaterThan(5_000, "the simulator must not be the bottleneck of the product's benchmark");
    }

    private static async Task<(HashSet<string> Ids, int Requests)> PullAllAsync(HttpClient client, DateTimeOffset from, DateTimeOffset to)
    {
        var ids = new HashSet<string>();
        var requests = 0;
        var windows = new Stack<(DateTimeOffset From, DateTimeOffset To)>([(from, to)]);
        while (windows.TryPop(out var window))
        {
            requests++;
            await using var stream = await client.GetStreamAsync($"/call?createdAtGe={window.From.Iso()}&createdAtLt={window.To.Iso()}&limit=1000");
            using var page = await JsonDocument.ParseAsync(stream);
            if (page.RootElement.GetArrayLength() == 1000)
            {
                var middle = window.From + ((window.To - window.From) / 2);
                windows.Push((window.From, middle));
                windows.Push((middle, window.To));
                continue;
            }

            foreach (var call in page.RootElement.EnumerateArray())
            {
                ids.Add(call.Text("id"));
            }
        }

        return (ids, requests);
    }
}
