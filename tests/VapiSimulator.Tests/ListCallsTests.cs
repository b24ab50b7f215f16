using System.Text.Json;
using VapiAgents.VapiSimulator.Tests.Support;

namespace VapiAgents.VapiSimulator.Tests;

public sealed class ListCallsTests(StandardSimulator simulator) : IClassFixture<StandardSimulator>
{
    private SimulatorServer Server => simulator.Server;

    [Theory]
    [InlineData("", 100)]
    [InlineData("limit=0", 0)]
    [InlineData("limit=1", 1)]
    [InlineData("limit=1000", 1000)]
    public async Task Limit_caps_the_bare_array(string query, int expected)
    {
        using var client = Server.Client(Scenarios.KeyA1);

        var calls = await client.GetArrayAsync($"/call?{query}");

        calls.Should().HaveCount(expected);
    }

    [Theory]
    [InlineData("limit=1001", """{"message":["limit must not be greater than 1000"],"error":"Bad Request","statusCode":400}""")]
    [InlineData("limit=-1", """{"message":["limit must not be less than 0"],"error":"Bad Request","statusCode":400}""")]
    [InlineData("limit=ten", """{"message":["limit must not be greater than 1000","limit must not be less than 0","limit must be a number conforming to the specified constraints"],"error":"Bad Request","statusCode":400}""")]
    [InlineData("createdAtGt=yesterday", """{"message":["createdAtGt must be a valid ISO 8601 date string"],"error":"Bad Request","statusCode":400}""")]
    [InlineData("updatedAtLe=2026-13-01T00:00:00Z", """{"message":["updatedAtLe must be a valid ISO 8601 date string"],"error":"Bad Request","statusCode":400}""")]
    public async Task Invalid_queries_get_NestJS_validation_errors(string query, string expectedBody)
    {
        using var client = Server.Client(Scenarios.KeyA1);

        var (status, body) = await client.SendAsync(HttpMethod.Get, $"/call?{query}");

        status.Should().Be(400);
        body.Should().Be(expectedBody);
    }

    [Fact]
    public async Task Calls_come_newest_first()
    {
        using var client = Server.Client(Scenarios.KeyA1);

        var calls = await client.GetArrayAsync("/call?limit=1000");

        calls.Select(call => call.Instant("createdAt")).Should().BeInDescendingOrder();
        calls[0].Instant("createdAt").Should().BeCloseTo(Scenarios.Anchor, TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task AssistantId_and_id_filters_narrow_the_list()
    {
        using var client = Server.Client(Scenarios.KeyA1);
        var assistantId = Server.Scenario.OrgOfKey(Scenarios.KeyA1).Assistants[2].Id;

        var ofAssistant = await client.GetArrayAsync($"/call?assistantId={assistantId}&limit=1000");
        var byId = await client.GetArrayAsync($"/call?id={ofAssistant[5].Text("id")}");
        var single = await client.GetNodeAsync($"/call/{ofAssistant[5].Text("id")}");

        ofAssistant.Should().NotBeEmpty().And.OnlyContain(call => call.Text("assistantId") == assistantId);
        ofAssistant.Should().HaveCount(Server.Simulation.Calls(Scenarios.KeyA1, assistantId).Count);
        byId.Should().ContainSingle().Which.Text("id").Should().Be(ofAssistant[5].Text("id"));
        ((string?)single["id"]).Should().Be(ofAssistant[5].Text("id"));
    }

    [Fact]
    public async Task A_created_at_window_returns_exactly_the_calls_inside_it()
    {
        using var client = Server.Client(Scenarios.KeyB);
        var from = Scenarios.Anchor.AddDays(-3);
        var to = Scenarios.Anchor.AddDays(-2);

        var window = await client.GetArrayAsync($"/call?createdAtGe={from.Iso()}&createdAtLt={to.Iso()}&limit=1000");

        var expected = Server.Simulation.Calls(Scenarios.KeyB)
            .Where(call => call.Instant("createdAt") >= from && call.Instant("createdAt") < to)
            .Select(call => call.Text("id"));
        window.Select(call => call.Text("id")).Should().BeEquivalentTo(expected).And.NotBeEmpty();
    }

    [Fact]
    public async Task A_batch_instant_holds_more_calls_than_one_page_each_with_its_own_updatedAt()
    {
        using var client = Server.Client(Scenarios.KeyA1);
        var all = Server.Simulation.Calls(Scenarios.KeyA1);
        var instant = all.GroupBy(call => call.Text("createdAt")).Single(group => group.Count() == Scenarios.BatchSize).Key;

        var page = await client.GetArrayAsync($"/call?createdAtGe={instant}&createdAtLe={instant}&limit=1000");
        var batch = all.Where(call => call.Text("createdAt") == instant).ToList();

        page.Should().HaveCount(1000).And.OnlyContain(call => call.Text("createdAt") == instant);
        batch.Select(call => call.Text("updatedAt")).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Calls_sharing_a_createdAt_come_in_a_different_order_on_each_request()
    {
        using var client = Server.Client(Scenarios.KeyA1);
        var instant = Server.Simulation.Calls(Scenarios.KeyA1)
            .GroupBy(call => call.Text("createdAt")).Single(group => group.Count() == Scenarios.BatchSize).Key;
        var path = $"/call?createdAtGe={instant}&createdAtLe={instant}&limit=50";

        var first = Ids(await client.GetArrayAsync(path));
        var second = Ids(await client.GetArrayAsync(path));

        second.Should().NotEqual(first, "ties have no stable order, and the limit picks among them at random");
    }

    [Fact]
    public void History_has_calls_that_share_a_createdAt_outside_the_batch()
    {
        var ties = Server.Simulation.Calls(Scenarios.KeyB)
            .GroupBy(call => call.Text("createdAt"))
            .Count(group => group.Count() > 1);

        ties.Should().BePositive();
    }

    private static List<string> Ids(List<JsonElement> calls) => [.. calls.Select(call => call.Text("id"))];
}
