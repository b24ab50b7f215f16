using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;

namespace VapiAgents.WebApi.FunctionalTests.Metrics;

/// <summary>The metrics route over HTTP, against the simulator's ground truth.</summary>
public abstract class MetricsTests(SyncAppFixture fixture)
{
    private TestApp App => fixture.App;

    private VapiSimulation Vapi => fixture.Vapi.Simulation;

    private OrgDescription Org(int i) => fixture.Vapi.Scenario.Orgs[i];

    private static string Day(DateTime utc) => utc.ToString("yyyy-MM-dd");

    private string Range => $"startDate={Day(DateTime.UtcNow.AddDays(-12))}&endDate={Day(DateTime.UtcNow)}";

    private static async Task<JsonElement> MetricsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/vapi/metrics?{query}");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return (await response.JsonAsync()).GetProperty("metrics");
    }

    private async Task<(UserSession User, Guid Agent)> SyncedAgentAsync(UserSession? user = null, int org = 0, int key = 0, string? assistant = null, string name = "Synced")
    {
        user ??= await App.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(user.Client, $"{name} {Guid.NewGuid():N}", Org(org).Keys[key], assistant)).Id();
        await SyncApi.SyncAsync(user.Client, agent);
        return (user, agent);
    }

    [SkippableFact]
    public async Task OneAgent_EqualsTheGroundTruth_FieldByField()
    {
        var (user, agent) = await SyncedAgentAsync();

        var metrics = await MetricsAsync(user.Client, $"agentId={agent}&{Range}");

        var truth = Vapi.Truth(Org(0).Keys[0]);
        metrics.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "range", "agentIds", "totals", "costBreakdown", "tokens", "byEndedReason", "byType", "byStatus",
            "successEvaluation", "daily", "previousPeriod", "change", "series", "durationHistogram");
        var totals = metrics.GetProperty("totals");
        totals.GetProperty("calls").GetInt64().Should().Be(truth.Calls);
        totals.GetProperty("cost").GetDecimal().Should().Be(truth.Cost);
        totals.GetProperty("durationSeconds").GetDecimal().Should().Be(truth.DurationSeconds);
        totals.GetProperty("minutes").GetDecimal().Should().Be(Math.Round(truth.DurationSeconds / 60m, 6));
        totals.GetProperty("averageCostPerCall").GetDecimal().Should().Be(Math.Round(truth.Cost / truth.Calls, 10));
        var breakdown = metrics.GetProperty("costBreakdown");
        breakdown.GetProperty("llm").GetDecimal().Should().Be(truth.CostBreakdown.Llm);
        breakdown.GetProperty("analysis").GetDecimal().Should().Be(truth.CostBreakdown.Analysis);
        var parts = new[] { "transport", "stt", "llm", "tts", "vapi", "analysis", "other" }.Sum(p => breakdown.GetProperty(p).GetDecimal());
        parts.Should().Be(truth.Cost, "the parts, other included, add up to the cost");
        metrics.GetProperty("tokens").GetProperty("llmPrompt").GetInt64().Should().Be(truth.LlmPromptTokens);
        metrics.GetProperty("successEvaluation").GetProperty("passed").GetInt64().Should().Be(truth.SuccessEvaluation.Passed);
        var reasons = metrics.GetProperty("byEndedReason").EnumerateArray().ToList();
        reasons.Select(r => r.GetProperty("calls").GetInt64()).Should().BeInDescendingOrder();
        reasons.ToDictionary(r => r.GetProperty("key").GetString() ?? "", r => r.GetProperty("cost").GetDecimal())
            .Should().BeEquivalentTo(truth.ByEndedReason.ToDictionary(r => r.EndedReason ?? "", r => r.Cost));
        var daily = metrics.GetProperty("daily").EnumerateArray().ToList();
        daily.Should().HaveCount(13);
        daily.Select(d => d.GetProperty("date").GetString()).Should().BeInAscendingOrder();
        daily.Where(d => d.GetProperty("calls").GetInt64() > 0)
            .ToDictionary(d => DateOnly.Parse(d.GetProperty("date").GetString()!), d => d.GetProperty("cost").GetDecimal())
            .Should().BeEquivalentTo(truth.ByDay.ToDictionary(d => d.Date, d => d.Cost));
        metrics.TryGetProperty("byAgent", out _).Should().BeFalse("byAgent belongs to the aggregate only");
    }

    [SkippableFact]
    public async Task Aggregate_CountsSharedCallsOnce_ShowsEachAgentsOwnView_AndSkipsInactiveAndDeletedUnlessAsked()
    {
        var (user, whole) = await SyncedAgentAsync(org: 1, name: "Whole org");
        var assistant = Org(1).Assistants[0].Id;
        var (_, filtered) = await SyncedAgentAsync(user, org: 1, assistant: assistant, name: "One assistant");
        var (_, inactive) = await SyncedAgentAsync(user, org: 0, key: 1, name: "Inactive");
        (await user.Client.PatchAsJsonAsync($"/api/vapi/agents/{inactive}", new { isActive = false })).EnsureSuccessStatusCode();

        var aggregate = await MetricsAsync(user.Client, Range);
        var withInactive = await MetricsAsync(user.Client, $"{Range}&includeInactive=true");

        var orgCalls = Vapi.Truth(Org(1).Keys[0]).Calls;
        aggregate.GetProperty("totals").GetProperty("calls").GetInt64().Should().Be(orgCalls, "the assistant's calls are counted once");
        aggregate.GetProperty("agentIds").EnumerateArray().Select(a => a.GetGuid()).Should().BeEquivalentTo([whole, filtered]);
        var byAgent = aggregate.GetProperty("byAgent").EnumerateArray().ToDictionary(a => a.GetProperty("agentId").GetGuid());
        byAgent[whole].GetProperty("calls").GetInt64().Should().Be(orgCalls);
        byAgent[filtered].GetProperty("calls").GetInt64().Should().Be(Vapi.Truth(Org(1).Keys[0], assistant).Calls);
        withInactive.GetProperty("totals").GetProperty("calls").GetInt64().Should().Be(orgCalls + Vapi.Truth(Org(0).Keys[1]).Calls);

        (await user.Client.DeleteAsync($"/api/vapi/agents/{whole}")).EnsureSuccessStatusCode();
        var afterDelete = await MetricsAsync(user.Client, Range);
        var withDeleted = await MetricsAsync(user.Client, $"{Range}&includeDeleted=true");
        var deletedAlone = await MetricsAsync(user.Client, $"agentId={whole}&includeDeleted=true&{Range}");

        afterDelete.GetProperty("totals").GetProperty("calls").GetInt64().Should().Be(Vapi.Truth(Org(1).Keys[0], assistant).Calls);
        withDeleted.GetProperty("totals").GetProperty("calls").GetInt64().Should().Be(orgCalls);
        deletedAlone.GetProperty("totals").GetProperty("calls").GetInt64().Should().Be(orgCalls);
        await (await user.Client.GetAsync($"/api/vapi/metrics?agentId={whole}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Defaults_AreTheLast30DaysInUtc_WithThePreviousPeriodAndZerosNotNulls()
    {
        var user = await App.RegisterAndLoginAsync();

        var metrics = await MetricsAsync(user.Client, "");

        var range = metrics.GetProperty("range");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (range.GetProperty("startDate").GetString(), range.GetProperty("endDate").GetString(), range.GetProperty("timezone").GetString())
            .Should().Be(($"{today.AddDays(-29):yyyy-MM-dd}", $"{today:yyyy-MM-dd}", "UTC"));
        metrics.GetProperty("daily").GetArrayLength().Should().Be(30);
        var totals = metrics.GetProperty("totals");
        foreach (var field in new[] { "calls", "minutes", "durationSeconds", "cost", "averageDurationSeconds", "averageCostPerCall", "costPerMinute" })
        {
            totals.GetProperty(field).GetDecimal().Should().Be(0, field);
        }

        var previous = metrics.GetProperty("previousPeriod");
        previous.GetProperty("endDate").GetString().Should().Be($"{today.AddDays(-30):yyyy-MM-dd}");
        previous.GetProperty("startDate").GetString().Should().Be($"{today.AddDays(-59):yyyy-MM-dd}");
        metrics.GetProperty("change").GetProperty("cost").ValueKind.Should().Be(JsonValueKind.Null);
        metrics.GetProperty("byAgent").GetArrayLength().Should().Be(0);
    }

    [SkippableFact]
    public async Task ThePreviousPeriod_AndTheChange_AreComputedAgainstIt()
    {
        var (user, agent) = await SyncedAgentAsync(org: 0, key: 1);
        var anchor = DateOnly.FromDateTime(fixture.Vapi.Scenario.Anchor.UtcDateTime);
        var (first, last) = (anchor.AddDays(-3), anchor);

        var metrics = await MetricsAsync(user.Client, $"agentId={agent}&startDate={first:yyyy-MM-dd}&endDate={last:yyyy-MM-dd}");
        var without = await MetricsAsync(user.Client, $"agentId={agent}&startDate={first:yyyy-MM-dd}&endDate={last:yyyy-MM-dd}&compare=false");

        var before = Vapi.Truth(Org(0).Keys[1], null, first.AddDays(-4).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var now = Vapi.Truth(Org(0).Keys[1], null, first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var previous = metrics.GetProperty("previousPeriod");
        previous.GetProperty("calls").GetInt64().Should().Be(before.Calls);
        previous.GetProperty("cost").GetDecimal().Should().Be(before.Cost);
        metrics.GetProperty("change").GetProperty("calls").GetDecimal().Should().Be(Math.Round((now.Calls - before.Calls) * 100m / before.Calls, 2));
        without.TryGetProperty("previousPeriod", out _).Should().BeFalse();
        without.TryGetProperty("change", out _).Should().BeFalse();
    }

    public static TheoryData<string, string> BadQueries => new()
    {
        { "startDate=2024-02-30", "startDate" },
        { "endDate=yesterday", "endDate" },
        { "startDate=2024-03-01&endDate=2024-02-01", "startDate" },
        { "startDate=2023-01-01&endDate=2024-06-01", "endDate" },
        { "timezone=Europe/Atlantis", "timezone" },
        { "timezone=%2B02:00", "timezone" },
        { "agentId=not-a-guid", "agentId" },
        { "includeInactive=maybe", "includeInactive" },
        { "compare=2", "compare" },
        { "interval=minute", "interval" },
        { "interval=hour&startDate=2026-01-01&endDate=2026-02-01", "interval" },
    };

    [SkippableTheory]
    [MemberData(nameof(BadQueries))]
    public async Task BadInput_Answers400NamingTheField(string query, string field)
    {
        var user = await App.RegisterAndLoginAsync();

        (await (await user.Client.GetAsync($"/api/vapi/metrics?{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().Should().Contain(field);
        if (field != "compare")
        {
            (await (await user.Client.GetAsync($"/api/vapi/metrics/export?{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
                .ErrorFields().Should().Contain(field);
        }
    }

    [SkippableFact]
    public async Task Series_AtEachInterval_AddsUpToTheTotals_InLocalTimeWithOffsets_AndTheExportFollows()
    {
        var (user, agent) = await SyncedAgentAsync();
        var range = $"agentId={agent}&startDate={Day(DateTime.UtcNow.AddDays(-12))}&endDate={Day(DateTime.UtcNow)}&timezone=Asia/Kathmandu";

        long calls = 0;
        foreach (var (interval, count) in new[] { ("hour", 13 * 24), ("day", 13), ("week", -1), ("month", -1) })
        {
            var metrics = await MetricsAsync(user.Client, $"{range}&interval={interval}&compare=false");
            var series = metrics.GetProperty("series").EnumerateArray().ToList();
            if (count > 0)
            {
                series.Should().HaveCount(count, interval);
            }

            series[0].GetProperty("start").GetString().Should().Be($"{Day(DateTime.UtcNow.AddDays(-12))}T00:00:00+05:45");
            series.Select(e => DateTimeOffset.Parse(e.GetProperty("start").GetString()!)).Should().BeInAscendingOrder();
            var totals = metrics.GetProperty("totals");
            calls = totals.GetProperty("calls").GetInt64();
            series.Sum(e => e.GetProperty("calls").GetInt64()).Should().Be(totals.GetProperty("calls").GetInt64(), interval);
            series.Sum(e => e.GetProperty("cost").GetDecimal()).Should().Be(totals.GetProperty("cost").GetDecimal(), interval);
            var bands = metrics.GetProperty("durationHistogram").EnumerateArray().ToList();
            bands.Select(b => b.GetProperty("fromSeconds").GetInt32()).Should().Equal(0, 30, 60, 120, 300, 600);
            bands[^1].GetProperty("toSeconds").ValueKind.Should().Be(JsonValueKind.Null);
            bands.Sum(b => b.GetProperty("calls").GetInt64()).Should().BeInRange(1, calls, "calls without a duration are left out");
        }

        var csv = await user.Client.GetStringAsync($"/api/vapi/metrics/export?{range}&interval=hour");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Trim().Should().Be("start,calls,minutes,durationSeconds,cost,billableMinutes,revenue,margin,marginPercent");
        lines.Should().HaveCount(1 + 13 * 24);
        lines.Skip(1).Sum(l => long.Parse(l.Split(',')[1])).Should().Be(calls).And.BeGreaterThan(0);
        (await (await user.Client.GetAsync($"/api/vapi/metrics/export?{range}&interval=week&groupBy=agent")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().Should().Equal("interval");
    }

    [SkippableFact]
    public async Task Heatmap_Has168LocalCells_AddingUpToTheTotals()
    {
        var (user, agent) = await SyncedAgentAsync();
        var range = $"agentId={agent}&{Range}&timezone=America/New_York";

        var response = await user.Client.GetAsync($"/api/vapi/metrics/heatmap?{range}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var heatmap = (await response.JsonAsync()).GetProperty("heatmap");
        var totals = (await MetricsAsync(user.Client, $"{range}&compare=false")).GetProperty("totals");

        heatmap.GetProperty("timezone").GetString().Should().Be("America/New_York");
        var cells = heatmap.GetProperty("cells").EnumerateArray().ToList();
        cells.Select(c => (c.GetProperty("weekday").GetInt32(), c.GetProperty("hour").GetInt32()))
            .Should().Equal(Enumerable.Range(0, 168).Select(i => (i / 24 + 1, i % 24)));
        cells.Sum(c => c.GetProperty("calls").GetInt64()).Should().Be(totals.GetProperty("calls").GetInt64()).And.BeGreaterThan(0);
        cells.Sum(c => c.GetProperty("cost").GetDecimal()).Should().Be(totals.GetProperty("cost").GetDecimal());
        (await (await user.Client.GetAsync("/api/vapi/metrics/heatmap?timezone=Mars/Base")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().Should().Equal("timezone");
    }

    [SkippableFact]
    public async Task Concurrency_PerHour_PeaksAtMostTheRangesPeak_AndKnowsItsIntervals()
    {
        var (user, agent) = await SyncedAgentAsync();
        var range = $"agentId={agent}&{Range}&timezone=Asia/Kolkata";

        var response = await user.Client.GetAsync($"/api/vapi/metrics/concurrency?{range}&interval=hour");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var concurrency = (await response.JsonAsync()).GetProperty("concurrency");

        var series = concurrency.GetProperty("series").EnumerateArray().ToList();
        series.Should().HaveCount(13 * 24);
        series[0].GetProperty("start").GetString().Should().EndWith("T00:00:00+05:30");
        var peak = concurrency.GetProperty("peak").GetInt32();
        peak.Should().BeGreaterThan(0).And.Be(series.Max(s => s.GetProperty("peak").GetInt32()));
        concurrency.GetProperty("peakAt").GetString().Should().EndWith("+05:30");
        (await (await user.Client.GetAsync($"/api/vapi/metrics/concurrency?{range}&interval=week")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().Should().Equal("interval");
    }

    [SkippableFact]
    public async Task Export_UnknownGroupBy_Is400()
    {
        var user = await App.RegisterAndLoginAsync();

        (await (await user.Client.GetAsync("/api/vapi/metrics/export?groupBy=week")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().Should().Equal("groupBy");
    }
}

public sealed class SqliteMetricsTests(SqliteSyncAppFixture fixture) : MetricsTests(fixture), IClassFixture<SqliteSyncAppFixture>;

public sealed class PostgreSqlMetricsTests(PostgreSqlSyncAppFixture fixture) : MetricsTests(fixture), IClassFixture<PostgreSqlSyncAppFixture>;
