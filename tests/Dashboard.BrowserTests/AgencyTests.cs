using Microsoft.Playwright;
using VapiAgents.Dashboard.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace VapiAgents.Dashboard.BrowserTests;

/// <summary>The agency paths in a real Chromium: add as inactive → activate (checked with Vapi), and the Clients page.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AgencyTests(DashboardFixture fixture)
{
    private string KeyA => fixture.Vapi.Scenario.Orgs[0].Keys[0];

    [SkippableFact]
    public async Task AddAsInactive_ThenActivate_ChecksTheKeyWithVapi()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        var form = session.AddAgentForm;
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Guided Line");
        await form.GetByLabel("Vapi private API key").FillAsync(KeyA);
        await form.GetByLabel("Add as inactive", new() { Exact = false }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Add agent" }).ClickAsync();
        var toggle = session.AgentRow("Guided Line").GetByRole(AriaRole.Switch, new() { Name = "Active (Guided Line)" });
        await Expect(toggle).Not.ToBeCheckedAsync();

        await toggle.ClickAsync();

        await Expect(toggle).ToBeCheckedAsync();
        var agent = await session.AgentFromApiAsync("Guided Line");
        agent.GetProperty("isActive").GetBoolean().Should().BeTrue();
        agent.GetProperty("verification").GetString().Should().Be("valid");
    }

    [SkippableFact]
    public async Task ClientsPage_AddsAClient_AndSetsItsPrice()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Clients", Exact = true }).ClickAsync();
        await session.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Smile Dental");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();
        var row = session.Page.Locator("tr", new() { HasText = "Smile Dental" });
        await Expect(row).ToContainTextAsync("No price");

        await row.GetByRole(AriaRole.Button, new() { Name = "Set price" }).ClickAsync();
        await row.GetByLabel("Rate (USD per minute)").FillAsync("0.15");
        await row.GetByRole(AriaRole.Button, new() { Name = "Save price" }).ClickAsync();

        await Expect(row).ToContainTextAsync("$0.15/min");
        await Expect(row).ToContainTextAsync("60 s increments");
    }
}
