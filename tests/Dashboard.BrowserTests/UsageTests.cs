using System.Text.Json;
using Microsoft.Playwright;
using VapiAgents.Dashboard.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;
using static VapiAgents.Dashboard.BrowserTests.Support.MetricsOnPage;

namespace VapiAgents.Dashboard.BrowserTests;

[Collection(MetricsCollection.Name)]
public sealed class UsageTests(DashboardFixture fixture)
{
    private static readonly (string Key, string Label)[] CostParts =
    [
        ("transport", "Transport (telephony)"), ("stt", "Speech to text"), ("llm", "Language model"), ("tts", "Text to speech"),
        ("vapi", "Vapi platform"), ("analysis", "Call analysis"), ("other", "Other"),
    ];

    [SkippableFact]
    public async Task OneAgentsDetails_EqualTheApi_AndItsCallsDownloadAsCsv()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.AddAgentAsync("Front Desk", fixture.Vapi.Scenario.Orgs[0].Keys[0]);
        await session.AddAgentAsync("Quotes", fixture.Vapi.Scenario.Orgs[1].Keys[0], fixture.Vapi.Scenario.Orgs[1].Assistants[1].Id);
        await session.SyncAsync("Quotes");

        // From the Overview's breakdown straight to the agent's details.
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        await WaitForMetricsAsync(session.Page);
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Quotes", Exact = true }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Usage", Level = 1 })).ToBeVisibleAsync();
        await WaitForMetricsAsync(session.Page);
        await Expect(session.Page.GetByLabel("Agent", new() { Exact = true })).ToHaveValueAsync(Filter(session.Page, "agentId"));
        var metrics = await FromApiAsync(session);
        metrics.GetProperty("agentIds").EnumerateArray().Select(id => id.GetString()).Should().Equal(Filter(session.Page, "agentId"));

        await ExpectTotalsAsync(session.Page, metrics);
        foreach (var (key, label) in CostParts)
        {
            await Expect(Row(session.Page, "cost-heading", label)).ToContainTextAsync(Money(metrics.GetProperty("costBreakdown").GetProperty(key)));
        }

        await ExpectGroupsAsync(session.Page, "ended-reasons-heading", metrics.GetProperty("byEndedReason"));
        await ExpectGroupsAsync(session.Page, "call-types-heading", metrics.GetProperty("byType"));
        await ExpectGroupsAsync(session.Page, "call-statuses-heading", metrics.GetProperty("byStatus"));
        var success = metrics.GetProperty("successEvaluation");
        await Expect(Row(session.Page, "success-heading", "Passed")).ToContainTextAsync(Count(success.GetProperty("passed")));
        await Expect(Row(session.Page, "success-heading", "Failed")).ToContainTextAsync(Count(success.GetProperty("failed")));
        await Expect(Row(session.Page, "success-heading", "Not evaluated")).ToContainTextAsync(Count(success.GetProperty("unknown")));
        var tokens = metrics.GetProperty("tokens");
        await Expect(Row(session.Page, "tokens-heading", "Language model prompt tokens")).ToContainTextAsync(Count(tokens.GetProperty("llmPrompt")));
        await Expect(Row(session.Page, "tokens-heading", "Language model completion tokens")).ToContainTextAsync(Count(tokens.GetProperty("llmCompletion")));
        await Expect(Row(session.Page, "tokens-heading", "Text-to-speech characters")).ToContainTextAsync(Count(tokens.GetProperty("ttsCharacters")));
        (await session.ContrastProblemsAsync()).Should().BeEmpty();
        await session.ScreenshotAsync("usage");

        await session.Page.GetByLabel("Rows").SelectOptionAsync("call");
        var download = await session.Page.RunAndWaitForDownloadAsync(
            () => session.Page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        csv.Should().Be(await ExportFromApiAsync(session, "call"));
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.Should().Be(metrics.GetProperty("totals").GetProperty("calls").GetInt32() + 1, "a header and one row per call");
    }

    [SkippableFact]
    public async Task OnAPhone_TheUsageFitsTheWidth()
    {
        await using var session = await fixture.OpenAsync(Viewport.Phone);
        await session.SignUpAsync();
        await session.AddAgentAsync("Front Desk", fixture.Vapi.Scenario.Orgs[0].Keys[0], fixture.Vapi.Scenario.Orgs[0].Assistants[1].Id);
        await session.SyncAsync("Front Desk");

        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Usage", Exact = true }).ClickAsync();
        await WaitForMetricsAsync(session.Page);

        var widths = await session.Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        widths[0].Should().BeLessThanOrEqualTo(widths[1]);
        await ExpectTotalsAsync(session.Page, await FromApiAsync(session));
        await session.ScreenshotAsync("usage");
    }

    private static ILocator Row(IPage page, string section, string label) =>
        page.Locator($"section[aria-labelledby=\"{section}\"] tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = label, Exact = true }) });

    /// <summary>One row per group, each with the API's calls and cost (the raw code is the label's title).</summary>
    private static async Task ExpectGroupsAsync(IPage page, string section, JsonElement groups)
    {
        await Expect(page.Locator($"section[aria-labelledby=\"{section}\"] tbody tr")).ToHaveCountAsync(groups.GetArrayLength());
        foreach (var group in groups.EnumerateArray())
        {
            var key = group.GetProperty("key").ValueKind == JsonValueKind.Null ? "" : group.GetProperty("key").GetString();
            var row = page.Locator($"section[aria-labelledby=\"{section}\"] tbody tr").Filter(new() { Has = page.Locator($"span[title=\"{key}\"]") });
            await Expect(row).ToContainTextAsync(Count(group.GetProperty("calls")));
            await Expect(row).ToContainTextAsync(Money(group.GetProperty("cost")));
        }
    }
}
