using System.Text.Json.Nodes;
using VapiAgents.VapiSimulator.Tests.Support;

namespace VapiAgents.VapiSimulator.Tests;

public sealed class AdvanceTests : IAsyncLifetime
{
    private static readonly ScenarioSpec Spec = new()
    {
        Seed = 11,
        Anchor = Scenarios.Anchor,
        Orgs =
        [
            new OrgSpec { Keys = [Scenarios.KeyA1], Calls = 200, InProgressPercent = 10 },
            new OrgSpec { Keys = [Scenarios.KeyB], Calls = 50, InProgressPercent = 10 },
        ],
    };

    private SimulatorServer _server = null!;

    public async Task InitializeAsync() => _server = await SimulatorServer.StartAsync(new SimulatorOptions { Scenario = Spec });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Advance_finishes_live_calls_with_a_newer_updatedAt_and_adds_new_calls()
    {
        using var control = _server.Client();
        using var vapi = _server.Client(Scenarios.KeyA1);
        var live = _server.Simulation.Calls(Scenarios.KeyA1).Where(call => call.Text("status") == "in-progress").ToList();
        var before = DateTimeOffset.UtcNow;

        var result = JsonNode.Parse((await control.SendAsync(HttpMethod.Post, "/__sim/advance",
            $$"""{"finishInProgress":true,"newCalls":8,"key":"{{Scenarios.KeyA1}}","inProgressPercent":50}""")).Body)!;
        var after = DateTimeOffset.UtcNow;

        var finishedIds = result["finishedCallIds"]!.AsArray().Select(id => (string)id!).ToList();
        var createdIds = result["createdCallIds"]!.AsArray().Select(id => (string)id!).ToList();
        finishedIds.Should().BeEquivalentTo(live.Select(call => call.Text("id"))).And.HaveCount(20);
        createdIds.Should().HaveCount(8);

        var changed = await vapi.GetArrayAsync($"/call?updatedAtGe={before.AddMilliseconds(-1).Iso()}&limit=1000");
        changed.Select(call => call.Text("id")).Should().BeEquivalentTo(finishedIds.Concat(createdIds));
        foreach (var call in changed.Where(call => finishedIds.Contains(call.Text("id"))))
        {
            var old = live.Single(previous => previous.Text("id") == call.Text("id"));
            call.Text("status").Should().Be("ended");
            call.Has("endedReason").Should().BeTrue();
            call.Instant("endedAt").Should().BeOnOrAfter(call.Instant("startedAt"));
            call.Instant("updatedAt").Should().BeAfter(old.Instant("updatedAt")).And.BeOnOrBefore(after);
        }

        var created = changed.Where(call => createdIds.Contains(call.Text("id"))).OrderBy(call => createdIds.IndexOf(call.Text("id"))).ToList();
        created.Select(call => call.Instant("createdAt")).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems()
            .And.OnlyContain(instant => instant >= before.AddMilliseconds(-1) && instant <= after);
        _server.Simulation.Calls(Scenarios.KeyB).Should().Contain(call => call.Text("status") == "in-progress", "only the key's org advanced");
    }

    [Fact]
    public async Task Each_advance_writes_newer_timestamps_than_the_last()
    {
        var first = await _server.Simulation.AdvanceAsync(new AdvanceRequest { NewCalls = 3, InProgressPercent = 100 });
        var afterFirst = AllCalls().Max(call => call.Instant("updatedAt"));
        var second = await _server.Simulation.AdvanceAsync(new AdvanceRequest { NewCalls = 2, InProgressPercent = 0 });

        var calls = AllCalls();
        var secondIds = second.FinishedCallIds.Concat(second.CreatedCallIds).ToHashSet();
        var secondUpdates = calls.Where(call => secondIds.Contains(call.Text("id"))).ToList();

        first.CreatedCallIds.Should().HaveCount(6, "three new calls for each organisation");
        second.FinishedCallIds.Should().Contain(first.CreatedCallIds, "the first advance left its new calls in progress");
        secondUpdates.Should().HaveCount(10).And.OnlyContain(call => call.Instant("updatedAt") > afterFirst);
        calls.Should().NotContain(call => call.Text("status") == "in-progress");
    }

    private List<System.Text.Json.JsonElement> AllCalls() =>
        [.. _server.Simulation.Calls(Scenarios.KeyA1), .. _server.Simulation.Calls(Scenarios.KeyB)];

    [Fact]
    public async Task New_calls_can_target_one_assistant()
    {
        var assistant = _server.Scenario.OrgOfKey(Scenarios.KeyB).Assistants[1].Id;

        var result = await _server.Simulation.AdvanceAsync(new AdvanceRequest { FinishInProgress = false, NewCalls = 4, AssistantId = assistant });

        _server.Simulation.Calls(Scenarios.KeyB, assistant).Select(call => call.Text("id")).Should().Contain(result.CreatedCallIds);
        result.FinishedCallIds.Should().BeEmpty();
    }
}
