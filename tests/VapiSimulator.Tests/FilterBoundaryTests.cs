using System.Text.Json.Nodes;
using VapiAgents.VapiSimulator.Tests.Support;

namespace VapiAgents.VapiSimulator.Tests;

/// <summary>Raw calls one millisecond apart show where each filter's bound lies.</summary>
public sealed class FilterBoundaryTests : IAsyncLifetime
{
    private const string T = "2026-08-10T10:00:00.500Z";
    private const string U = "2026-08-11T10:00:00.500Z";

    private SimulatorServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(new SimulatorOptions { Scenario = Scenarios.Empty });
        _server.Simulation.AddCalls(Scenarios.KeyA1,
        [
            Call("before", "2026-08-10T10:00:00.499Z", "2026-08-11T10:00:00.499Z"),
            Call("at", T, U),
            Call("after", "2026-08-10T10:00:00.501Z", "2026-08-11T10:00:00.501Z"),
        ]);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData($"createdAtGt={T}", "after")]
    [InlineData($"createdAtGe={T}", "after,at")]
    [InlineData($"createdAtLt={T}", "before")]
    [InlineData($"createdAtLe={T}", "at,before")]
    [InlineData($"createdAtGe={T}&createdAtLe={T}", "at")]
    [InlineData($"createdAtGt={T}&createdAtLt={T}", "")]
    [InlineData($"updatedAtGt={U}", "after")]
    [InlineData($"updatedAtGe={U}", "after,at")]
    [InlineData($"updatedAtLt={U}", "before")]
    [InlineData($"updatedAtLe={U}", "at,before")]
    [InlineData("createdAtGe=2026-08-10T10:00:00.5009Z", "after,at")]
    [InlineData("createdAtGe=2026-08-10T12:00:00.500%2B02:00", "after,at")]
    [InlineData("createdAtLt=2026-08-10", "")]
    public async Task Bounds_apply_at_millisecond_precision(string query, string expectedIds)
    {
        using var client = _server.Client(Scenarios.KeyA1);

        var calls = await client.GetArrayAsync($"/call?{query}");

        string.Join(',', calls.Select(call => call.Text("id"))).Should().Be(expectedIds);
    }

    [Fact]
    public async Task A_raw_call_comes_back_exactly_as_posted_plus_its_orgId()
    {
        const string raw =
            """{"id":"raw-1","createdAt":"2026-08-12T08:00:00.000Z","updatedAt":"2026-08-12T08:05:00.000Z","cost":0.31274519,"analysis":{"successEvaluation":false},"futureField":{"x":[1,2]}}""";
        var orgId = _server.Scenario.OrgOfKey(Scenarios.KeyA1).OrgId;
        using var control = _server.Client();
        using var client = _server.Client(Scenarios.KeyA1);

        var added = await control.SendAsync(HttpMethod.Post, "/__sim/calls", $$"""{"key":"{{Scenarios.KeyA1}}","calls":[{{raw}}]}""");
        var (status, body) = await client.SendAsync(HttpMethod.Get, "/call/raw-1");

        added.Should().Be((200, """{"added":1,"replaced":0}"""));
        status.Should().Be(200);
        body.Should().Be(raw[..^1] + $$""","orgId":"{{orgId}}"}""");
    }

    [Fact]
    public async Task A_raw_call_without_createdAt_is_refused()
    {
        using var control = _server.Client();

        var (status, body) = await control.SendAsync(HttpMethod.Post, "/__sim/calls",
            """{"key":"key-a1","calls":[{"id":"x","updatedAt":"2026-08-12T08:00:00.000Z"}]}""");

        status.Should().Be(400);
        body.Should().Contain("createdAt");
    }

    private static JsonObject Call(string id, string createdAt, string updatedAt) => new()
    {
        ["id"] = id,
        ["createdAt"] = createdAt,
        ["updatedAt"] = updatedAt,
        ["status"] = "ended",
        ["cost"] = 0.1m,
    };
}
