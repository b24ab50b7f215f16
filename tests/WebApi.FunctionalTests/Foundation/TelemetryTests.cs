using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;

namespace VapiAgents.WebApi.FunctionalTests.Foundation;

/// <summary>A sync shows up as a span with its counts (never the key) and in the Prometheus scrape at /metrics.</summary>
public sealed class TelemetryTests
{
    [SkippableFact]
    public async Task ASync_IsASpanWithItsCounts_AndAppearsInMetrics_WithVapiRequestsByStatusClass()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "VapiAgents",
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var vapi = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Scenario = new ScenarioSpec { Seed = 23, Orgs = [new OrgSpec { KeyCount = 1, Assistants = 1, Calls = 150, Days = 3 }] },
        });
        var key = SecretLedger.Register(vapi.Scenario.Orgs[0].Keys[0]);
        await using var app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?>
        {
            ["Vapi:BaseUrl"] = vapi.BaseUrl,
            ["Telemetry:Prometheus:Enabled"] = "true",
        });
        var user = await app.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(user.Client, "Traced", key)).Id();

        var sync = await SyncApi.SyncAsync(user.Client, agent);
        using var anonymous = app.CreateClient();
        var scrape = await anonymous.GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();

        var span = spans.Should().ContainSingle(s => s.OperationName == "sync.run" && (string?)s.GetTagItem("vapiagents.agent.id") == agent.ToString()).Subject;
        span.GetTagItem("vapiagents.sync.trigger").Should().Be("manual");
        span.GetTagItem("vapiagents.sync.outcome").Should().Be("succeeded");
        span.GetTagItem("vapiagents.sync.calls").Should().Be(sync.GetProperty("fetched").GetInt32());
        span.GetTagItem("vapiagents.sync.pages").Should().Be(sync.GetProperty("pages").GetInt32());
        span.TagObjects.Select(t => t.Value?.ToString()).Should().NotContain(key);
        scrape.StatusCode.Should().Be(HttpStatusCode.OK);
        text.Should().Contain("vapiagents_sync_runs_total{").And.Contain("outcome=\"succeeded\"").And.Contain("trigger=\"manual\"");
        text.Should().Contain("vapiagents_sync_calls_total").And.Contain("vapiagents_sync_duration_seconds_bucket");
        text.Should().Contain("vapiagents_vapi_requests_total{").And.Contain("status_class=\"2xx\"");
        text.Should().Contain("vapiagents_jobs_pending");
        text.Should().Contain("http_server_request_duration_seconds");
        text.Should().NotContain(key);
    }

    [SkippableFact]
    public async Task MetricsEndpoint_IsOffByDefault()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        using var anonymous = app.CreateClient();

        (await anonymous.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
