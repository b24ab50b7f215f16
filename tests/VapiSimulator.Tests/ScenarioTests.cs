using System.Text.Json.Nodes;
using VapiAgents.VapiSimulator.Tests.Support;

namespace VapiAgents.VapiSimulator.Tests;

public sealed class ScenarioTests
{
    [Fact]
    public async Task Same_seed_and_anchor_give_identical_data_on_two_simulators()
    {
        await using var first = await SimulatorServer.StartAsync(new SimulatorOptions { Scenario = Scenarios.Standard });
        await using var second = await SimulatorServer.StartAsync(new SimulatorOptions { Scenario = Scenarios.Standard });
        using var one = first.Client();
        using var two = second.Client();

        foreach (var key in new[] { Scenarios.KeyA1, Scenarios.KeyB })
        {
            var calls = await one.GetStringAsync($"/__sim/calls?key={key}");
            (await two.GetStringAsync($"/__sim/calls?key={key}")).Should().Be(calls);
        }

        second.Scenario.Should().BeEquivalentTo(first.Scenario);
        first.BaseUrl.Should().NotBe(second.BaseUrl);
    }

    [Fact]
    public async Task A_scenario_posted_over_http_replaces_the_data()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { Scenario = Scenarios.Empty });
        using var control = server.Client();

        var (status, body) = await control.SendAsync(HttpMethod.Post, "/__sim/scenario",
            """{"seed":5,"anchor":"2026-08-01T00:00:00Z","orgs":[{"keyCount":2,"assistants":4,"calls":120,"days":3},{"keys":["mine"],"assistants":1,"calls":10}]}""");
        var description = JsonNode.Parse(body)!;
        var generatedKey = (string)description["orgs"]![0]!["keys"]![1]!;
        using var vapi = server.Client(generatedKey);
        var calls = await vapi.GetArrayAsync("/call?limit=1000");
        using var formerKey = server.Client(Scenarios.KeyA1);
        var oldKey = await formerKey.SendAsync(HttpMethod.Get, "/call");

        status.Should().Be(200);
        ((string?)description["anchor"]).Should().Be("2026-08-01T00:00:00.000Z");
        description["orgs"]![0]!["assistants"]!.AsArray().Should().HaveCount(4);
        ((string?)description["orgs"]![1]!["keys"]![0]).Should().Be("mine");
        calls.Should().HaveCount(120).And.OnlyContain(call => call.Instant("createdAt") >= new DateTimeOffset(2026, 7, 29, 0, 0, 0, TimeSpan.Zero));
        oldKey.Status.Should().Be(401);
    }

    [Theory]
    [InlineData("""{"seed":1,"orgs":[{"calls":10,"batchInstant":11}]}""")]
    [InlineData("""{"seed":1,"orgs":[{"keys":["k"]},{"keys":["k"]}]}""")]
    [InlineData("""{"seed":1,"orgs":[{"cals":10}]}""")]
    [InlineData("""{"seed":1,"orgs":[]}""")]
    public async Task An_invalid_scenario_is_refused_and_the_data_kept(string spec)
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { Scenario = Scenarios.Empty });
        using var control = server.Client();

        var (status, _) = await control.SendAsync(HttpMethod.Post, "/__sim/scenario", spec);

        status.Should().Be(400);
        server.Scenario.OrgOfKey(Scenarios.KeyA1).Should().NotBeNull();
    }
}
