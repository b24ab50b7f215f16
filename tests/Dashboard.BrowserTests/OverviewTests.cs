using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using VapiAgents.Dashboard.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;
using static VapiAgents.Dashboard.BrowserTests.Support.MetricsOnPage;

namespace VapiAgents.Dashboard.BrowserTests;

[Collection(MetricsCollection.Name)]
public sealed class OverviewTests(DashboardFixture fixture)
{
    private const string Scheduling = "Patient Scheduling";
    private const string Refills = "Prescription Refills";

    /// <summary>The issue's whole journey, in one user's browser.</summary>
    [SkippableFact]
    public async Task TotalsEqualTheApi_FollowDeactivation_DownloadAsCsv_AndCountADeletedAgentOnlyWhenAsked()
    {
        await using var session = await fixture.OpenAsync();
        await OpenOverviewOfTwoSyncedAgentsAsync(session);

        // Both agents, last 30 days in the browser's zone.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Europe/Berlin"));
        (Filter(session.Page, "startDate"), Filter(session.Page, "endDate"), Filter(session.Page, "timezone"))
            .Should().Be((today.AddDays(-29).ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd"), "Europe/Berlin"), "the default is the last 30 days in the browser's zone");
        var both = await FromApiAsync(session);
        both.GetProperty("totals").GetProperty("calls").GetInt32().Should().BeGreaterThan(0);
        await ExpectTotalsAsync(session.Page, both);
        await ExpectAgentRowsAsync(session.Page, both, Scheduling, Refills);
        await Expect(session.Page.GetByRole(AriaRole.Img, new() { NameRegex = new("^Calls and cost per day from") })).ToBeVisibleAsync();
        (await session.ContrastProblemsAsync()).Should().BeEmpty();
        await session.ScreenshotAsync("overview");

        // Deactivated, Refills leaves the totals — until inactive agents are asked for.
        await SetActiveAsync(session, Refills, false);
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        await WaitForMetricsAsync(session.Page);
        var activeOnly = await FromApiAsync(session);
        Calls(activeOnly).Should().BeLessThan(Calls(both));
        await ExpectTotalsAsync(session.Page, activeOnly);
        await ExpectAgentRowsAsync(session.Page, activeOnly, Scheduling);

        await session.Page.GetByLabel("Include inactive agents").CheckAsync();
        await ShowAsync(session.Page);
        await ExpectTotalsAsync(session.Page, both);

        // The CSV is the API's export for the same filters, byte for byte.
        await session.Page.GetByLabel("Rows").SelectOptionAsync("agent");
        var download = await session.Page.RunAndWaitForDownloadAsync(
            () => session.Page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        csv.Should().Be(await ExportFromApiAsync(session, "agent"));
        csv.Should().Contain(Scheduling).And.Contain(Refills);
        download.SuggestedFilename.Should().EndWith(".csv");

        // Deleted, Scheduling is gone from Settings and from the totals, but its history is there when asked for.
        await SetActiveAsync(session, Refills, true);
        await DeleteAsync(session, Scheduling);
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        await WaitForMetricsAsync(session.Page);
        await session.Page.GetByLabel("Include inactive agents").UncheckAsync();
        await ShowAsync(session.Page);
        var withoutDeleted = await FromApiAsync(session);
        await ExpectTotalsAsync(session.Page, withoutDeleted);
        await ExpectAgentRowsAsync(session.Page, withoutDeleted, Refills);
        await Expect(session.Page.GetByLabel("Agent", new() { Exact = true }).Locator("option", new() { HasTextString = Scheduling })).ToHaveCountAsync(0);

        await session.Page.GetByLabel("Include deleted agents’ history").CheckAsync();
        await ShowAsync(session.Page);
        var withDeleted = await FromApiAsync(session);
        Calls(withDeleted).Should().Be(Calls(both));
        await ExpectTotalsAsync(session.Page, withDeleted);
        await ExpectAgentRowsAsync(session.Page, withDeleted, Scheduling, Refills);
        await Expect(AgentRow(session.Page, Scheduling)).ToContainTextAsync("Deleted");
    }

    [SkippableFact]
    public async Task TheAgentSelector_NarrowsEverythingToOneAgent_AndARangeAndZoneOfYourChoosing()
    {
        await using var session = await fixture.OpenAsync();
        await OpenOverviewOfTwoSyncedAgentsAsync(session);

        await session.Page.GetByLabel("Agent", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = Refills });
        // A week ending on the page's last day (today in the browser's zone).
        var end = DateOnly.ParseExact(Filter(session.Page, "endDate"), "yyyy-MM-dd");
        await session.Page.GetByLabel("From", new() { Exact = true }).FillAsync(end.AddDays(-6).ToString("yyyy-MM-dd"));
        await session.Page.GetByLabel("Time zone", new() { Exact = true }).SelectOptionAsync("America/New_York");
        await ShowAsync(session.Page);

        Filter(session.Page, "timezone").Should().Be("America/New_York");
        var refills = await FromApiAsync(session);
        refills.GetProperty("agentIds").EnumerateArray().Should().ContainSingle();
        refills.GetProperty("daily").GetArrayLength().Should().Be(7);
        await ExpectTotalsAsync(session.Page, refills);
        await ExpectChangeAsync(session.Page, refills);
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "By agent" })).ToHaveCountAsync(0);
        await Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = $"See the details of “{Refills}” on the Usage page" })).ToBeVisibleAsync();

        // An end before the start is refused next to the end date, before asking the API.
        await session.Page.GetByLabel("To", new() { Exact = true }).FillAsync(end.AddDays(-10).ToString("yyyy-MM-dd"));
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await Expect(session.Page.GetByLabel("To", new() { Exact = true })).ToHaveAccessibleDescriptionAsync("The end date must be on or after the start date.");
    }

    [SkippableFact]
    public async Task WithoutAgents_SaysToAddTheFirstOne_OnOverviewAndUsage()
    {
        await using var session = await fixture.OpenAsync(Viewport.Phone);
        await session.SignUpAsync();

        foreach (var page in new[] { "Overview", "Usage" })
        {
            await session.Page.GetByRole(AriaRole.Link, new() { Name = page }).ClickAsync();
            await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Add your first agent" })).ToBeVisibleAsync();
            await Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "Go to Settings" })).ToBeVisibleAsync();
        }

        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Go to Settings" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Settings", Level = 1 })).ToBeFocusedAsync();
    }

    [SkippableFact]
    public async Task OnAPhone_TheOverviewFitsTheWidth()
    {
        await using var session = await fixture.OpenAsync(Viewport.Phone);
        await OpenOverviewOfTwoSyncedAgentsAsync(session);

        var widths = await session.Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        widths[0].Should().BeLessThanOrEqualTo(widths[1]);
        await ExpectTotalsAsync(session.Page, await FromApiAsync(session));
        await session.ScreenshotAsync("overview");
    }

    /// <summary>The calls' change against the previous week, as the API computed it, with an arrow that says which way.</summary>
    private static async Task ExpectChangeAsync(IPage page, JsonElement metrics)
    {
        var change = metrics.GetProperty("change").GetProperty("calls");
        change.ValueKind.Should().Be(JsonValueKind.Number, "the simulator has calls in the week before too");
        var percent = Math.Round(change.GetDecimal(), 1, MidpointRounding.AwayFromZero);
        var (arrow, sign) = percent switch { > 0 => ("▲", "+"), < 0 => ("▼", ""), _ => ("■", "") };
        var previous = Count(metrics.GetProperty("previousPeriod").GetProperty("calls"));
        await Expect(page.Locator("[data-metric=\"calls\"] .change"))
            .ToHaveTextAsync($"{arrow} {sign}{percent.ToString("0.#", CultureInfo.GetCultureInfo("en-US"))}% vs the previous period ({previous})");
    }

    /// <summary>A new user with two agents on two Vapi organisations, both synced, looking at the Overview.</summary>
    [SkippableFact]
    public async Task TheClientFilter_ShowsThatClientsAgentsOnly_AsTheApiCountsThem_AndKeepsItInTheAddress()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.AddAgentAsync(Scheduling, fixture.Vapi.Scenario.Orgs[0].Keys[0], fixture.Vapi.Scenario.Orgs[0].Assistants[0].Id);
        await session.AddAgentAsync(Refills, fixture.Vapi.Scenario.Orgs[1].Keys[0]);
        var api = await session.ApiAsync();
        var created = await api.PostAsJsonAsync("/api/vapi/clients", new { name = "Northside Clinic" });
        var client = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client").GetProperty("id").GetGuid();
        var scheduling = (await session.AgentFromApiAsync(Scheduling)).GetProperty("id").GetGuid();
        (await api.PatchAsJsonAsync($"/api/vapi/agents/{scheduling}", new { clientId = client })).EnsureSuccessStatusCode();
        await session.SyncAsync(Scheduling);
        await session.SyncAsync(Refills);
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        await WaitForMetricsAsync(session.Page);
        var everyone = await FromApiAsync(session);
        var filters = session.Page.GetByRole(AriaRole.Form, new() { Name = "Filters" });
        await Expect(filters.GetByLabel("Client", new() { Exact = true })).ToHaveValueAsync("");

        await filters.GetByLabel("Client", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Northside Clinic" });
        await ShowAsync(session.Page);

        Filter(session.Page, "clientId").Should().Be(client.ToString());
        var clients = await FromApiAsync(session);
        Calls(clients).Should().BeGreaterThan(0).And.BeLessThan(Calls(everyone), "only the clinic's agent counts");
        await ExpectTotalsAsync(session.Page, clients);
        await ExpectAgentRowsAsync(session.Page, clients, Scheduling);
        await Expect(session.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "1 agent of Northside Clinic" })).ToBeVisibleAsync();
        (await session.ContrastProblemsAsync()).Should().BeEmpty();

        await session.Page.ReloadAsync();
        await WaitForMetricsAsync(session.Page);
        await Expect(filters.GetByLabel("Client", new() { Exact = true })).ToHaveValueAsync(client.ToString());
        await ExpectTotalsAsync(session.Page, clients);

        await filters.GetByLabel("Client", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "All clients" });
        await ShowAsync(session.Page);
        Filter(session.Page, "clientId").Should().BeEmpty();
        await ExpectAgentRowsAsync(session.Page, await FromApiAsync(session), Scheduling, Refills);
    }

    private async Task OpenOverviewOfTwoSyncedAgentsAsync(DashboardSession session)
    {
        await session.SignUpAsync();
        await session.AddAgentAsync(Scheduling, fixture.Vapi.Scenario.Orgs[0].Keys[0], fixture.Vapi.Scenario.Orgs[0].Assistants[0].Id);
        await session.AddAgentAsync(Refills, fixture.Vapi.Scenario.Orgs[1].Keys[0]);
        await session.SyncAsync(Scheduling);
        await session.SyncAsync(Refills);
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        await WaitForMetricsAsync(session.Page);
    }

    private static int Calls(JsonElement metrics) => metrics.GetProperty("totals").GetProperty("calls").GetInt32();

    private static ILocator AgentRow(IPage page, string name) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    /// <summary>The by-agent table lists exactly these agents, with the API's calls and cost.</summary>
    private static async Task ExpectAgentRowsAsync(IPage page, JsonElement metrics, params string[] names)
    {
        var byAgent = metrics.GetProperty("byAgent").EnumerateArray().ToList();
        byAgent.Select(a => a.GetProperty("name").GetString()).Should().BeEquivalentTo(names);
        await Expect(page.Locator("section[aria-labelledby=\"by-agent-heading\"] tbody tr")).ToHaveCountAsync(names.Length);
        foreach (var agent in byAgent)
        {
            var row = AgentRow(page, agent.GetProperty("name").GetString()!);
            await Expect(row).ToContainTextAsync(Count(agent.GetProperty("calls")));
            await Expect(row).ToContainTextAsync(Money(agent.GetProperty("cost")));
        }
    }

    private static async Task SetActiveAsync(DashboardSession session, string name, bool active)
    {
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await session.AgentRow(name).GetByRole(AriaRole.Switch).SetCheckedAsync(active);
        await Expect(session.Page.Locator("#toast")).ToContainTextAsync(active ? "active again" : "is inactive");
    }

    private static async Task DeleteAsync(DashboardSession session, string name)
    {
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await session.AgentRow(name).GetByRole(AriaRole.Button, new() { Name = $"Delete {name}" }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete agent" }).ClickAsync();
        await Expect(session.AgentRow(name)).ToHaveCountAsync(0);
    }
}
