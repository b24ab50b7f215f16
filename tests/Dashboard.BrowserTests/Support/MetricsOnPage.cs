using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace VapiAgents.Dashboard.BrowserTests.Support;

/// <summary>Compares what the Overview and Usage pages show with what the API answers for the same filters.</summary>
public static class MetricsOnPage
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    private static readonly string[] Totals = ["calls", "minutes", "cost", "averageCostPerCall", "averageDurationSeconds", "costPerMinute"];

    /// <summary>The API's query for the filters the page shows (it keeps them in its address).</summary>
    public static string QueryOf(IPage page)
    {
        var fragment = new Uri(page.Url).Fragment;
        return fragment[(fragment.IndexOf('?', StringComparison.Ordinal) + 1)..];
    }

    /// <summary>GET /api/vapi/metrics with the page's filters.</summary>
    public static async Task<JsonElement> FromApiAsync(DashboardSession session)
    {
        var api = await session.ApiAsync();
        var answer = await api.GetFromJsonAsync<JsonElement>($"/api/vapi/metrics?{QueryOf(session.Page)}&compare=true");
        return answer.GetProperty("metrics");
    }

    /// <summary>GET /api/vapi/metrics/export with the page's filters.</summary>
    public static async Task<string> ExportFromApiAsync(DashboardSession session, string groupBy)
    {
        var api = await session.ApiAsync();
        return await api.GetStringAsync($"/api/vapi/metrics/export?{QueryOf(session.Page)}&groupBy={groupBy}");
    }

    /// <summary>The page's filters, as the API names them.</summary>
    public static string Filter(IPage page, string name) => HttpUtility.ParseQueryString(QueryOf(page))[name] ?? "";

    /// <summary>Waits until the page shows metrics and is not loading new ones.</summary>
    public static async Task WaitForMetricsAsync(IPage page)
    {
        await Expect(page.Locator("[aria-busy=\"true\"]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-metric=\"calls\"]")).ToBeVisibleAsync();
    }

    /// <summary>Presses the filter form's Show and waits for the answer.</summary>
    public static async Task ShowAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await WaitForMetricsAsync(page);
    }

    /// <summary>Every headline number on the page equals the API's, exactly, and reads as en-US formats it.</summary>
    public static async Task ExpectTotalsAsync(IPage page, JsonElement metrics)
    {
        var totals = metrics.GetProperty("totals");
        foreach (var name in Totals)
        {
            var value = page.Locator($"[data-metric=\"{name}\"] .value");
            await Expect(value).ToHaveAttributeAsync("data-value", new System.Text.RegularExpressions.Regex(".+"));
            var shown = double.Parse((await value.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
            shown.Should().Be(totals.GetProperty(name).GetDouble(), name);
        }

        await Expect(page.Locator("[data-metric=\"calls\"] .value")).ToHaveTextAsync(totals.GetProperty("calls").GetInt32().ToString("N0", English));
        await Expect(page.Locator("[data-metric=\"cost\"] .value")).ToHaveTextAsync(totals.GetProperty("cost").GetDecimal().ToString("C", English));
    }

    public static string Money(JsonElement value) => value.GetDecimal().ToString("C", English);

    public static string Count(JsonElement value) => value.GetInt64().ToString("N0", English);
}
