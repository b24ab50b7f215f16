using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using VapiAgents.Dashboard.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;
using static VapiAgents.Dashboard.BrowserTests.Support.MetricsOnPage;

namespace VapiAgents.Dashboard.BrowserTests;

/// <summary>Issue 19's dashboard: the series at the chosen grain, peak hours, calls at once and call lengths, as the API answers them.</summary>
[Collection(MetricsCollection.Name)]
public sealed class TimeResolutionTests(DashboardFixture fixture)
{
    private const string Agent = "Front Desk";

    [SkippableFact]
    public async Task HourAndWeekSeries_PeakHours_CallsAtOnce_AndCallLengths_EqualTheApi()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.AddAgentAsync(Agent, fixture.Vapi.Scenario.Orgs[0].Keys[0]);
        await session.SyncAsync(Agent);
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        await WaitForMetricsAsync(session.Page);
        var page = session.Page;

        // Hours: one row per local hour of the 30 days, adding up to the totals.
        await page.GetByLabel("Interval", new() { Exact = true }).SelectOptionAsync("hour");
        await ShowAsync(page);
        Filter(page, "interval").Should().Be("hour");
        var hourly = await FromApiAsync(session);
        Calls(hourly).Should().BeGreaterThan(0, "the simulator has calls in the last 30 days");
        hourly.GetProperty("series").GetArrayLength().Should().BeInRange(30 * 24 - 1, 30 * 24 + 1, "30 local days of hours (one more or less across a clock change)");
        await ExpectSeriesAsync(page, hourly, "hour");

        // The peak of calls in progress at once, per hour as the series is.
        var concurrency = await ConcurrencyFromApiAsync(session, "hour");
        concurrency.GetProperty("peak").GetInt32().Should().BeGreaterThan(0);
        await Expect(page.Locator(".concurrency-peak")).ToHaveAttributeAsync("data-peak", concurrency.GetProperty("peak").GetInt32().ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("section[aria-labelledby=\"concurrency-heading\"] tbody tr")).ToHaveCountAsync(concurrency.GetProperty("series").GetArrayLength());
        (await ColumnSumAsync(page, "concurrency-heading", 1)).Should().Be(concurrency.GetProperty("series").EnumerateArray().Sum(p => p.GetProperty("peak").GetInt64()));
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new("^Most calls in progress at once per hour from") })).ToBeVisibleAsync();

        // Peak hours: the screen readers' table holds 7 × 24 cells that add up to the calls, as the API's do.
        var heatmap = await HeatmapFromApiAsync(session);
        heatmap.GetProperty("cells").EnumerateArray().Sum(c => c.GetProperty("calls").GetInt64()).Should().Be(Calls(hourly));
        var heatRows = page.Locator("section[aria-labelledby=\"heatmap-heading\"] tbody tr");
        await Expect(heatRows).ToHaveCountAsync(7);
        var heatCells = (await heatRows.Locator("td.num").AllTextContentsAsync()).Select(Parse).ToList();
        heatCells.Should().HaveCount(168);
        heatCells.Sum().Should().Be(Calls(hourly));
        heatCells.Max().Should().Be(heatmap.GetProperty("cells").EnumerateArray().Max(c => c.GetProperty("calls").GetInt64()));
        await Expect(page.Locator("section[aria-labelledby=\"heatmap-heading\"] svg")).ToBeVisibleAsync();

        // Call lengths: the six bands with the API's counts.
        var bands = hourly.GetProperty("durationHistogram").EnumerateArray().ToList();
        bands.Should().HaveCount(6);
        var bandRows = page.Locator("section[aria-labelledby=\"call-lengths-heading\"] tbody tr");
        await Expect(bandRows).ToHaveCountAsync(6);
        for (var i = 0; i < bands.Count; i++)
        {
            await Expect(bandRows.Nth(i).Locator("td").Nth(1)).ToHaveTextAsync(Count(bands[i].GetProperty("calls")));
        }

        (await session.ContrastProblemsAsync()).Should().BeEmpty();
        await session.ScreenshotAsync("time-resolution");

        // Weeks: ISO weeks clipped to the range, adding up to the same totals.
        await page.GetByLabel("Interval", new() { Exact = true }).SelectOptionAsync("week");
        await ShowAsync(page);
        Filter(page, "interval").Should().Be("week");
        var weekly = await FromApiAsync(session);
        weekly.GetProperty("series").GetArrayLength().Should().BeInRange(5, 6, "30 days touch 5 or 6 ISO weeks");
        await ExpectSeriesAsync(page, weekly, "week");
        Calls(weekly).Should().Be(Calls(hourly));
        await Expect(page.Locator(".concurrency-peak")).ToHaveAttributeAsync("data-peak", (await ConcurrencyFromApiAsync(session, "day")).GetProperty("peak").GetInt32().ToString(CultureInfo.InvariantCulture));

        // Over more than 31 days hours are not offered, and a chosen hour falls back to days.
        var end = DateOnly.ParseExact(Filter(page, "endDate"), "yyyy-MM-dd");
        await page.GetByLabel("Interval", new() { Exact = true }).SelectOptionAsync("hour");
        await page.GetByLabel("From", new() { Exact = true }).FillAsync(end.AddDays(-31).ToString("yyyy-MM-dd"));
        await page.GetByLabel("From", new() { Exact = true }).DispatchEventAsync("change");
        await Expect(page.GetByLabel("Interval", new() { Exact = true }).Locator("option[value=\"hour\"]")).ToBeDisabledAsync();
        await Expect(page.GetByLabel("Interval", new() { Exact = true })).ToHaveValueAsync("day");
    }

    /// <summary>The series card is at the grain, one table row per bucket with the API's calls, adding up to the totals.</summary>
    private static async Task ExpectSeriesAsync(IPage page, JsonElement metrics, string grain)
    {
        var series = metrics.GetProperty("series").EnumerateArray().ToList();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Calls and cost per {grain}" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new($"^Calls and cost per {grain} from") })).ToBeVisibleAsync();
        await Expect(page.Locator("section[aria-labelledby=\"series-heading\"] tbody tr")).ToHaveCountAsync(series.Count);
        var shown = (await page.Locator("section[aria-labelledby=\"series-heading\"] tbody tr td:nth-child(2)").AllTextContentsAsync()).Select(Parse).ToList();
        shown.Should().Equal(series.Select(p => p.GetProperty("calls").GetInt64()));
        shown.Sum().Should().Be(Calls(metrics));
        await Expect(page.Locator("section[aria-labelledby=\"series-heading\"] tfoot td").Nth(1)).ToHaveTextAsync(Count(metrics.GetProperty("totals").GetProperty("calls")));
        await Expect(page.Locator("section[aria-labelledby=\"series-heading\"] tfoot td").Nth(3)).ToHaveTextAsync(Money(metrics.GetProperty("totals").GetProperty("cost")));
    }

    [SkippableFact]
    public async Task TheAgentFormsOrgLimit_IsSaved_AndDrawnAcrossTheCallsAtOnceChart_WithTheMinutesAtOrAboveIt()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.AddAgentAsync(Agent, fixture.Vapi.Scenario.Orgs[0].Keys[0]);
        await session.SyncAsync(Agent);
        var page = session.Page;

        await session.AgentRow(Agent).GetByRole(AriaRole.Button, new() { Name = $"Edit {Agent}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var limit = dialog.GetByLabel("Calls at once (Vapi org limit)");
        await limit.FillAsync("0");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(limit).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("concurrencyLimit must be"));
        await limit.FillAsync("1");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        (await session.AgentFromApiAsync(Agent)).GetProperty("concurrencyLimit").GetInt32().Should().Be(1);

        await page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        await WaitForMetricsAsync(page);
        var concurrency = await ConcurrencyFromApiAsync(session, "day");
        concurrency.GetProperty("limit").GetInt32().Should().Be(1);
        var minutes = concurrency.GetProperty("minutesAtOrAboveLimit").GetDecimal();
        minutes.Should().BeGreaterThan(0, "the simulator's calls last minutes");
        var card = page.Locator("section[aria-labelledby=\"concurrency-heading\"]");
        await Expect(card.Locator(".concurrency-limit")).ToHaveAttributeAsync("data-limit", "1");
        await Expect(card.Locator(".concurrency-limit")).ToContainTextAsync($"{Math.Round(minutes).ToString("N0", CultureInfo.GetCultureInfo("en-US"))} minutes");
        await Expect(card.Locator("svg .limit-line")).ToHaveCountAsync(1);
        await Expect(card.Locator("svg[role=img]")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("Limit: 1 at once"));
        (await session.ContrastProblemsAsync()).Should().BeEmpty();
    }

    private static async Task<long> ColumnSumAsync(IPage page, string heading, int column) =>
        (await page.Locator($"section[aria-labelledby=\"{heading}\"] tbody tr td:nth-child({column + 1})").AllTextContentsAsync()).Sum(Parse);

    private static async Task<JsonElement> HeatmapFromApiAsync(DashboardSession session)
    {
        var api = await session.ApiAsync();
        return (await api.GetFromJsonAsync<JsonElement>($"/api/vapi/metrics/heatmap?{WithoutInterval(session.Page)}")).GetProperty("heatmap");
    }

    private static async Task<JsonElement> ConcurrencyFromApiAsync(DashboardSession session, string interval)
    {
        var api = await session.ApiAsync();
        return (await api.GetFromJsonAsync<JsonElement>($"/api/vapi/metrics/concurrency?{WithoutInterval(session.Page)}&interval={interval}")).GetProperty("concurrency");
    }

    private static string WithoutInterval(IPage page) =>
        string.Join('&', QueryOf(page).Split('&').Where(pair => !pair.StartsWith("interval=", StringComparison.Ordinal)));

    private static long Calls(JsonElement metrics) => metrics.GetProperty("totals").GetProperty("calls").GetInt64();

    private static long Parse(string text) => long.Parse(text, NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("en-US"));
}
