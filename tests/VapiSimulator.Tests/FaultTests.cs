using System.Text.Json;
using System.Text.Json.Nodes;
using VapiAgents.VapiSimulator.Tests.Support;

namespace VapiAgents.VapiSimulator.Tests;

/// <summary>Each test gets its own simulator, as fault counters are state.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private static readonly ScenarioSpec Small = new()
    {
        Seed = 3,
        Anchor = Scenarios.Anchor,
        Orgs = [new OrgSpec { Keys = [Scenarios.KeyA1], Calls = 60 }],
    };

    private SimulatorServer _server = null!;
    private HttpClient _control = null!;
    private HttpClient _vapi = null!;

    public async Task InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(new SimulatorOptions { Scenario = Small });
        _control = _server.Client();
        _vapi = _server.Client(Scenarios.KeyA1);
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();
        _vapi.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_429_with_Retry_After_fails_once_then_the_route_works()
    {
        await Install("""{"path":"/call","kind":"status","status":429,"retryAfterSeconds":7}""");

        using var failed = await _vapi.GetAsync("/call");
        using var next = await _vapi.GetAsync("/call");

        ((int)failed.StatusCode).Should().Be(429);
        failed.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
        (await failed.Content.ReadAsStringAsync()).Should().Be("""{"message":"Rate limit exceeded","error":"Too Many Requests","statusCode":429}""");
        ((int)next.StatusCode).Should().Be(200);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task A_status_fault_without_Retry_After_sends_none(int status)
    {
        _server.Simulation.Faults.Install(new FaultRule { Path = "/call", Kind = FaultKind.Status, Status = status });

        using var failed = await _vapi.GetAsync("/call");

        ((int)failed.StatusCode).Should().Be(status);
        failed.Headers.RetryAfter.Should().BeNull();
        JsonNode.Parse(await failed.Content.ReadAsStringAsync())!["statusCode"]!.GetValue<int>().Should().Be(status);
    }

    [Fact]
    public async Task A_delay_outlasts_a_client_timeout()
    {
        await Install("""{"path":"/call","kind":"delay","delayMs":3000}""");
        using var impatient = _server.Client(Scenarios.KeyA1, TimeSpan.FromMilliseconds(300));

        var slow = () => impatient.GetAsync("/call");

        await slow.Should().ThrowAsync<TaskCanceledException>();
        using var next = await _vapi.GetAsync("/call");
        ((int)next.StatusCode).Should().Be(200);
    }

    [Fact]
    public async Task A_truncated_answer_holds_cut_off_json()
    {
        await Install("""{"path":"/call","kind":"truncate"}""");

        var cut = await _vapi.GetStringAsync("/call?limit=20");
        var whole = await _vapi.GetStringAsync("/call?limit=20");

        cut.Length.Should().Be(whole.Length / 2);
        var parse = () => JsonDocument.Parse(cut);
        parse.Should().Throw<JsonException>();
    }

    [Fact]
    public async Task A_reset_aborts_the_connection_without_an_answer()
    {
        await Install("""{"path":"/call","kind":"reset"}""");

        var reset = () => _vapi.GetAsync("/call");

        await reset.Should().ThrowAsync<HttpRequestException>();
        using var next = await _vapi.GetAsync("/call");
        ((int)next.StatusCode).Should().Be(200);
    }

    [Fact]
    public async Task Nth_and_times_count_only_requests_under_the_path()
    {
        await Install("""[{"path":"/call","nth":2,"times":2,"kind":"status","status":500}]""");
        var statuses = new List<int>();

        foreach (var path in new[] { "/call", "/assistant", "/call/unknown", "/assistant", "/call", "/call" })
        {
            using var response = await _vapi.GetAsync(path);
            statuses.Add((int)response.StatusCode);
        }

        statuses.Should().Equal(200, 200, 500, 200, 500, 200);
    }

    [Fact]
    public async Task The_request_log_records_faults_and_can_be_cleared()
    {
        await Install("""{"path":"/call","kind":"status","status":503}""");
        (await _vapi.GetAsync("/call?limit=5")).Dispose();
        (await _vapi.GetAsync("/assistant")).Dispose();

        var log = (await _control.GetArrayAsync("/__sim/requests")).Select(entry => JsonNode.Parse(entry.GetRawText())!).ToList();
        var cleared = await _control.SendAsync(HttpMethod.Delete, "/__sim/requests");

        log.Should().HaveCount(2);
        ((string?)log[0]["path"]).Should().Be("/call");
        ((string?)log[0]["query"]).Should().Be("?limit=5");
        ((int)log[0]["status"]!).Should().Be(503);
        ((string?)log[0]["fault"]).Should().Be("status");
        ((string?)log[0]["key"]).Should().Be(Scenarios.KeyA1);
        ((string?)log[1]["fault"]).Should().BeNull();
        cleared.Status.Should().Be(204);
        _server.Simulation.Requests.Entries().Should().BeEmpty();
    }

    [Fact]
    public async Task Deleting_faults_disarms_them()
    {
        await Install("""{"path":"/","kind":"reset","times":100}""");

        var deleted = await _control.SendAsync(HttpMethod.Delete, "/__sim/faults");
        using var response = await _vapi.GetAsync("/call");

        deleted.Status.Should().Be(204);
        ((int)response.StatusCode).Should().Be(200);
    }

    [Theory]
    [InlineData("""{"path":"/call","kind":"delay"}""")]
    [InlineData("""{"path":"/call","kind":"status","nth":0}""")]
    [InlineData("""{"path":"/call","kind":"explode"}""")]
    [InlineData("""{"path":"/call","kind":"status","colour":"red"}""")]
    public async Task An_invalid_rule_is_refused(string rule)
    {
        var (status, _) = await _control.SendAsync(HttpMethod.Post, "/__sim/faults", rule);

        status.Should().Be(400);
        _server.Simulation.Faults.Installed().Should().BeEmpty();
    }

    private async Task Install(string rules)
    {
        var (status, body) = await _control.SendAsync(HttpMethod.Post, "/__sim/faults", rules);
        status.Should().Be(200, body);
    }
}
