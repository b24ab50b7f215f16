using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VapiAgents.Dashboard.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace VapiAgents.Dashboard.BrowserTests;

[Collection(DashboardCollection.Name)]
public sealed class BudgetsAndAlertsTests(DashboardFixture fixture)
{
    private string KeyA => fixture.Vapi.Scenario.Orgs[0].Keys[0];

    [SkippableFact]
    public async Task ABudgetSetInSettings_ShowsAsABarInWords_ItsAlertsAreCountedAndAcknowledged_AndItIsEditedAndDeleted()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.AddAgentAsync("Triage", KeyA);
        var form = session.Page.GetByRole(AriaRole.Form, new() { Name = "Budgets" });

        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Weekly triage");
        await form.GetByLabel("Agents").SelectOptionAsync(new SelectOptionValue { Label = "Triage" });
        await form.GetByLabel("Period").SelectOptionAsync("week");
        await form.GetByLabel("Time zone").FillAsync("UTC");
        await form.GetByLabel("Amount (USD)").FillAsync("0.01");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add budget" }).ClickAsync();
        var budget = session.Page.Locator("li.budget").Filter(new() { HasText = "Weekly triage" });
        await Expect(budget).ToContainTextAsync("On track");

        await form.GetByLabel("Amount (USD)").FillAsync("0");
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Bad");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add budget" }).ClickAsync();
        await Expect(form.GetByLabel("Amount (USD)")).ToHaveAccessibleDescriptionAsync(new Regex("amount must be"));

        await session.SyncAsync("Triage");
        var api = await session.ApiAsync();
        var fromApi = (await api.GetFromJsonAsync<JsonElement>("/api/vapi/budgets")).GetProperty("budgets")[0];
        fromApi.GetProperty("current").GetProperty("spent").GetDecimal().Should().BeGreaterThan(0.01m, "the simulator's agent made calls this week");
        // The dashboard's sync runs in the background; its alerts follow the run's end within seconds.
        var open = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(10); open < 3 && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            open = (await api.GetFromJsonAsync<JsonElement>("/api/vapi/alerts")).GetProperty("total").GetInt32();
        }

        open.Should().Be(3);

        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        var bar = session.Page.Locator("li.budget").Filter(new() { HasText = "Weekly triage" });
        await Expect(bar).ToContainTextAsync("Exceeded: the budget is spent");
        await Expect(bar).ToContainTextAsync("thresholds 50 %, 80 %, 100 %");
        await Expect(session.Page.Locator("#alert-count")).ToHaveTextAsync("3");
        (await session.ContrastProblemsAsync()).Should().BeEmpty();

        await session.Page.GetByRole(AriaRole.Link, new() { NameRegex = new("^Alerts") }).ClickAsync();
        var items = session.Page.Locator("li.alert-item");
        await Expect(items).ToHaveCountAsync(3);
        await Expect(items.First).ToContainTextAsync("Weekly triage");
        await items.First.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(items).ToHaveCountAsync(2);
        await Expect(session.Page.Locator("#alert-count")).ToHaveTextAsync("2");
        (await api.GetFromJsonAsync<JsonElement>("/api/vapi/alerts?status=acknowledged")).GetProperty("total").GetInt32().Should().Be(1);
        (await session.ContrastProblemsAsync()).Should().BeEmpty();

        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Edit “Weekly triage”" }).ClickAsync();
        await form.GetByLabel("Amount (USD)").FillAsync("1000000");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save budget" }).ClickAsync();
        await Expect(budget).ToContainTextAsync("On track");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Delete “Weekly triage”" }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete budget" }).ClickAsync();
        await Expect(budget).ToHaveCountAsync(0);
        (await api.GetFromJsonAsync<JsonElement>("/api/vapi/alerts?status=all")).GetProperty("total").GetInt32().Should().Be(3, "a deleted budget's alerts stay");
    }

    [SkippableFact]
    public async Task ABudgetOnAClientsAgents_IsChosenInSettings_NamesTheClient_AndBothScopesAtOnceShowTheApisError()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.AddAgentAsync("Front desk", KeyA);
        var api = await session.ApiAsync();
        var created = await api.PostAsJsonAsync("/api/vapi/clients", new { name = "Acme Dental" });
        var client = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client").GetProperty("id").GetGuid();
        var agent = (await session.AgentFromApiAsync("Front desk")).GetProperty("id").GetGuid();
        (await api.PatchAsJsonAsync($"/api/vapi/agents/{agent}", new { clientId = client })).EnsureSuccessStatusCode();
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        var form = session.Page.GetByRole(AriaRole.Form, new() { Name = "Budgets" });

        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Acme monthly");
        await form.GetByLabel("Agents").SelectOptionAsync(new SelectOptionValue { Label = "Front desk" });
        await form.GetByLabel("Or one client").SelectOptionAsync(new SelectOptionValue { Label = "Acme Dental" });
        await form.GetByLabel("Amount (USD)").FillAsync("100");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add budget" }).ClickAsync();
        await Expect(form.GetByLabel("Or one client")).ToHaveAccessibleDescriptionAsync(new Regex("not both"));

        await form.GetByLabel("Agents").SelectOptionAsync(new SelectOptionValue { Label = "All agents" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Add budget" }).ClickAsync();
        var budget = session.Page.Locator("li.budget").Filter(new() { HasText = "Acme monthly" });
        await Expect(budget).ToContainTextAsync("Client: Acme Dental");
        var fromApi = (await api.GetFromJsonAsync<JsonElement>("/api/vapi/budgets")).GetProperty("budgets")[0];
        fromApi.GetProperty("clientId").GetGuid().Should().Be(client);
        fromApi.GetProperty("agentId").ValueKind.Should().Be(JsonValueKind.Null);

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Edit “Acme monthly”" }).ClickAsync();
        await Expect(form.GetByLabel("Or one client")).ToHaveValueAsync(client.ToString());
        await form.GetByLabel("Or one client").SelectOptionAsync(new SelectOptionValue { Label = "No client" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Save budget" }).ClickAsync();
        await Expect(budget).ToContainTextAsync("All agents");
        (await api.GetFromJsonAsync<JsonElement>("/api/vapi/budgets")).GetProperty("budgets")[0].GetProperty("clientId").ValueKind.Should().Be(JsonValueKind.Null);

        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        await Expect(session.Page.Locator("li.budget").Filter(new() { HasText = "Acme monthly" })).ToContainTextAsync("All agents");
        (await session.ContrastProblemsAsync()).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task AlertSettings_AreSaved_AndShowTheApisErrorsNextToTheirField()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        var form = session.Page.GetByRole(AriaRole.Form, new() { Name = "Alert settings" });
        var factor = form.GetByLabel("Factor over the usual day");
        await Expect(factor).ToHaveValueAsync("2");

        await factor.FillAsync("0.5");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save alert settings" }).ClickAsync();
        await Expect(factor).ToHaveAccessibleDescriptionAsync(new Regex("factor must be above 1"));

        await factor.FillAsync("3");
        await form.GetByLabel("Time zone of your days").FillAsync("Pacific/Auckland");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save alert settings" }).ClickAsync();
        await Expect(session.Page.Locator("#toast")).ToContainTextAsync("Saved your alert settings");
        var saved = await (await session.ApiAsync()).GetFromJsonAsync<JsonElement>("/api/vapi/alert-settings");
        saved.GetProperty("timezone").GetString().Should().Be("Pacific/Auckland");
        saved.GetProperty("anomaly").GetProperty("factor").GetDecimal().Should().Be(3m);
    }
}
