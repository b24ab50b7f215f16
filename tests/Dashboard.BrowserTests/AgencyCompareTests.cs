using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VapiAgents.Dashboard.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;
using static VapiAgents.Dashboard.BrowserTests.Support.MetricsOnPage;

namespace VapiAgents.Dashboard.BrowserTests;

/// <summary>The agency parts of Usage and of the agent form in a real Chromium: Compare, and an agent's client and price.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AgencyCompareTests(DashboardFixture fixture)
{
    /// <summary>The figures the Compare table shows, as the API names them; the money ones also read as en-US money.</summary>
    private static readonly string[] Figures =
        ["calls", "minutes", "averageDurationSeconds", "costPerCall", "costPerMinute", "successRate", "cost", "billableMinutes", "revenue", "margin"];

    private static readonly string[] MoneyFigures = ["costPerCall", "costPerMinute", "cost", "revenue", "margin"];

    [SkippableFact]
    public async Task Compare_ThreeAgents_TheTableAndChartsEqualTheApi()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        var orgs = fixture.Vapi.Scenario.Orgs;
        string[] names = ["Front Desk", "Quotes", "Night Line"];
        await session.AddAgentAsync(names[0], orgs[0].Keys[0], orgs[0].Assistants[0].Id);
        await session.AddAgentAsync(names[1], orgs[0].Keys[0], orgs[0].Assistants[1].Id);
        await session.AddAgentAsync(names[2], orgs[1].Keys[0], orgs[1].Assistants[1].Id);
        foreach (var name in names)
        {
            await session.SyncAsync(name);
        }

        // One agent with a price dated back, so revenue and margin are not all zero.
        var api = await session.ApiAsync();
        var quotes = (await session.AgentFromApiAsync("Quotes")).GetProperty("id").GetString();
        var priced = await api.PutAsJsonAsync($"/api/vapi/agents/{quotes}/pricing",
            new { ratePerMinute = 0.35m, billingIncrementSeconds = 15, minimumBillableSeconds = 30, effectiveFrom = DateTime.UtcNow.AddDays(-60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        priced.EnsureSuccessStatusCode();

        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Usage", Exact = true }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Compare agents" }).ClickAsync();
        var form = session.Page.GetByRole(AriaRole.Form, new() { Name = "Agents to compare" });

        // One agent is not a comparison: said next to the agents, before any request.
        await form.GetByLabel(names[0], new() { Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Expect(form.Locator("[data-field=\"agentIds\"] .field-error")).ToHaveTextAsync("Choose at least 2 agents.");

        await form.GetByLabel(names[1], new() { Exact = true }).CheckAsync();
        await form.GetByLabel(names[2], new() { Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        var rows = session.Page.Locator("table.compare-table tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(session.Page.Locator("[aria-busy=\"true\"]")).ToHaveCountAsync(0);

        var answer = await api.GetFromJsonAsync<JsonElement>($"/api/vapi/metrics/compare?{QueryOf(session.Page)}");
        var agents = answer.GetProperty("agents").EnumerateArray().ToList();
        agents.Select(a => a.GetProperty("name").GetString()).Should().BeEquivalentTo(names);
        agents.Sum(a => a.GetProperty("calls").GetInt64()).Should().BePositive("the synced agents have calls in the range");
        agents.Sum(a => a.GetProperty("revenue").GetDecimal()).Should().BePositive("one agent has a price");
        (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.agentId)"))
            .Should().Equal(agents.Select(a => a.GetProperty("agentId").GetString()), "the table keeps the API's order");

        foreach (var agent in agents)
        {
            var row = session.Page.Locator($"tr[data-agent-id=\"{agent.GetProperty("agentId").GetString()}\"]");
            await Expect(row.Locator("th")).ToHaveTextAsync(agent.GetProperty("name").GetString()!);
            foreach (var figure in Figures)
            {
                var cell = row.Locator($"td[data-figure=\"{figure}\"]");
                var expected = agent.GetProperty(figure);
                var shown = await cell.GetAttributeAsync("data-value");
                if (expected.ValueKind == JsonValueKind.Null)
                {
                    shown.Should().BeEmpty(figure);
                    await Expect(cell).ToHaveTextAsync("Not evaluated");
                    continue;
                }

                double.Parse(shown!, CultureInfo.InvariantCulture).Should().Be(expected.GetDouble(), figure);
                if (MoneyFigures.Contains(figure))
                {
                    await Expect(cell).ToHaveTextAsync(Money(expected));
                }
            }

            await Expect(row.Locator("td[data-figure=\"calls\"]")).ToHaveTextAsync(Count(agent.GetProperty("calls")));
            var reasons = agent.GetProperty("topEndedReasons").EnumerateArray().ToList();
            var shownReasons = row.Locator("td[data-figure=\"topEndedReasons\"] li");
            await Expect(shownReasons).ToHaveCountAsync(reasons.Count);
            for (var i = 0; i < reasons.Count; i++)
            {
                var key = reasons[i].GetProperty("key").ValueKind == JsonValueKind.Null ? "" : reasons[i].GetProperty("key").GetString();
                await Expect(shownReasons.Nth(i)).ToHaveAttributeAsync("data-key", key!);
                await Expect(shownReasons.Nth(i)).ToHaveAttributeAsync("data-calls", reasons[i].GetProperty("calls").GetInt64().ToString(CultureInfo.InvariantCulture));
            }
        }

        // A bar chart per figure, one bar per agent, each titled with the agent and the table's text.
        await Expect(session.Page.Locator("section.compare-chart")).ToHaveCountAsync(Figures.Length);
        foreach (var figure in Figures)
        {
            await Expect(session.Page.Locator($"section.compare-chart[data-figure=\"{figure}\"] svg rect")).ToHaveCountAsync(3);
        }

        var titles = await session.Page.Locator("section.compare-chart[data-figure=\"calls\"] svg title").EvaluateAllAsync<string[]>("titles => titles.map(t => t.textContent)");
        titles.Should().Equal(agents.Select(a => $"{a.GetProperty("name").GetString()}: {Count(a.GetProperty("calls"))}"));

        // The address holds the comparison: a reload shows the same agents again.
        await session.Page.ReloadAsync();
        await Expect(rows).ToHaveCountAsync(3);
        (await session.ContrastProblemsAsync()).Should().BeEmpty();
        await session.ScreenshotAsync("usage-compare");
    }

    [SkippableFact]
    public async Task EditForm_SetsTheAgentsClientAndPrice_ThenClearsTheClient()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        var api = await session.ApiAsync();
        var created = await api.PostAsJsonAsync("/api/vapi/clients", new { name = "Smile Dental" });
        created.EnsureSuccessStatusCode();
        var clientId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client").GetProperty("id").GetString();
        await session.AddAgentAsync("Reception", fixture.Vapi.Scenario.Orgs[0].Keys[0]);
        var from = DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await session.AgentRow("Reception").GetByRole(AriaRole.Button, new() { Name = "Edit Reception" }).ClickAsync();
        var dialog = session.Page.GetByRole(AriaRole.Dialog, new() { Name = "Edit “Reception”" });
        await Expect(dialog.GetByLabel("Client")).ToHaveValueAsync("");
        await dialog.GetByLabel("Client").SelectOptionAsync(new SelectOptionValue { Label = "Smile Dental" });
        await dialog.GetByLabel("Rate (USD per minute)").FillAsync("-1");
        await dialog.GetByLabel("Billing increment (s)").FillAsync("15");
        await dialog.GetByLabel("Minimum per call (s)").FillAsync("30");
        await dialog.GetByLabel("From (UTC day)").FillAsync(from);
        await session.ScreenshotAsync("settings-edit-price");

        // The API refuses the rate; its ProblemDetails lands next to the rate, and the dialog stays open.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var rate = dialog.GetByLabel("Rate (USD per minute)");
        await Expect(rate).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(rate).ToHaveAccessibleDescriptionAsync(new Regex("ratePerMinute|rate", RegexOptions.IgnoreCase));
        await Expect(rate).ToBeFocusedAsync();

        await rate.FillAsync("0.25");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        var agent = await session.AgentFromApiAsync("Reception");
        agent.GetProperty("clientId").GetString().Should().Be(clientId);
        var prices = (await api.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{agent.GetProperty("id").GetString()}/pricing")).GetProperty("prices");
        prices.GetArrayLength().Should().Be(1, "the refused rate saved no price");
        prices[0].GetProperty("ratePerMinute").GetDecimal().Should().Be(0.25m);
        prices[0].GetProperty("billingIncrementSeconds").GetInt32().Should().Be(15);
        prices[0].GetProperty("minimumBillableSeconds").GetInt32().Should().Be(30);
        prices[0].GetProperty("effectiveFrom").GetString().Should().Be(from);

        // Opened again it shows both, and "No client" clears the client (PATCH clientId: null) without touching the price.
        await session.AgentRow("Reception").GetByRole(AriaRole.Button, new() { Name = "Edit Reception" }).ClickAsync();
        await Expect(dialog.GetByLabel("Client")).ToHaveValueAsync(clientId!);
        await Expect(dialog.GetByRole(AriaRole.Group, new() { Name = "Resale price" })).ToContainTextAsync($"$0.25/min from {from}, 15 s increments, 30 s minimum.");
        await dialog.GetByLabel("Client").SelectOptionAsync(new SelectOptionValue { Label = "No client" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        (await session.AgentFromApiAsync("Reception")).GetProperty("clientId").ValueKind.Should().Be(JsonValueKind.Null);
        (await api.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{agent.GetProperty("id").GetString()}/pricing")).GetProperty("prices").GetArrayLength().Should().Be(1);
    }
}
