using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VapiAgents.Dashboard.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace VapiAgents.Dashboard.BrowserTests;

[Collection(DashboardCollection.Name)]
public sealed class SettingsTests(DashboardFixture fixture)
{
    private string KeyA => fixture.Vapi.Scenario.Orgs[0].Keys[0];

    private string KeyB => fixture.Vapi.Scenario.Orgs[1].Keys[0];

    private string AssistantA => fixture.Vapi.Scenario.Orgs[0].Assistants[0].Id;

    [SkippableFact]
    public async Task AddTwoAgents_ListsThemWithAssistantAndKeyHint_AndTheKeyIsNeverShownAgain()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        var keyField = session.AddAgentForm.GetByLabel("Vapi private API key");
        await Expect(keyField).ToHaveAttributeAsync("type", "password");

        await session.AddAgentAsync("Patient Scheduling", KeyA, AssistantA);
        await session.AddAgentAsync("Prescription Refills", KeyB);

        var scheduling = session.AgentRow("Patient Scheduling");
        await Expect(scheduling).ToContainTextAsync($"Assistant {AssistantA}");
        await Expect(scheduling).ToContainTextAsync($"Key …{KeyA[^4..]}");
        await Expect(scheduling.GetByRole(AriaRole.Switch)).ToBeCheckedAsync();
        await Expect(scheduling).ToContainTextAsync("Never synced");
        await Expect(session.AgentRow("Prescription Refills")).ToContainTextAsync("Every assistant the key sees");
        await Expect(keyField).ToHaveValueAsync("");
        (await session.Page.ContentAsync()).Should().NotContain(KeyA).And.NotContain(KeyB);
        (await session.Page.EvaluateAsync<string>("() => JSON.stringify(sessionStorage)")).Should().NotContain(KeyA);
        (await session.ContrastProblemsAsync()).Should().BeEmpty();
        await session.ScreenshotAsync("settings");
    }

    [SkippableFact]
    public async Task AddAgent_ShowsTheApisErrorsNextToTheFieldsTheyName()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.AddAgentAsync("Front Desk", KeyA);
        var form = session.AddAgentForm;
        var name = form.GetByLabel("Name", new() { Exact = true });
        var key = form.GetByLabel("Vapi private API key");
        var assistant = form.GetByLabel("Assistant id (optional)");
        var add = form.GetByRole(AriaRole.Button, new() { Name = "Add agent" });

        await add.ClickAsync();
        await Expect(name).ToHaveAccessibleDescriptionAsync(new Regex("Name must be 1 to 100 characters"));
        await Expect(key).ToHaveAccessibleDescriptionAsync(new Regex("API key must be 8 to 256 characters"));
        await Expect(name).ToBeFocusedAsync();

        await name.FillAsync("Front Desk");
        await key.FillAsync(KeyB);
        await assistant.FillAsync("not an id!");
        await add.ClickAsync();
        await Expect(assistant).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(assistant).ToHaveAccessibleDescriptionAsync(new Regex("letters, digits"));
        await Expect(name).Not.ToHaveAttributeAsync("aria-invalid", "true");

        await assistant.FillAsync("");
        await add.ClickAsync();
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(name).ToHaveAccessibleDescriptionAsync(new Regex("You already have an agent with this name"));
        await Expect(session.Page.Locator("tr[data-agent-id]")).ToHaveCountAsync(1);
    }

    [SkippableFact]
    public async Task Edit_RenamesReplacesTheKeyAndSetsTheAssistantId()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.AddAgentAsync("Billing", KeyA);
        await session.AddAgentAsync("Support", KeyB);

        await session.AgentRow("Billing").GetByRole(AriaRole.Button, new() { Name = "Edit Billing" }).ClickAsync();
        var dialog = session.Page.GetByRole(AriaRole.Dialog, new() { Name = "Edit “Billing”" });
        await Expect(dialog.GetByLabel("Name")).ToBeFocusedAsync();
        await Expect(dialog.GetByLabel("Replace the API key")).ToHaveAttributeAsync("type", "password");
        await session.ScreenshotAsync("settings-edit");

        // A name another agent has is refused next to the name field, and the dialog stays open.
        await dialog.GetByLabel("Name").FillAsync("Support");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(dialog.GetByLabel("Name")).ToHaveAccessibleDescriptionAsync(new Regex("already have an agent with this name"));

        await dialog.GetByLabel("Name").FillAsync("Billing Support");
        await dialog.GetByLabel("Assistant id").FillAsync(fixture.Vapi.Scenario.Orgs[1].Assistants[1].Id);
        await dialog.GetByLabel("Replace the API key").FillAsync(KeyB);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        var row = session.AgentRow("Billing Support");
        await Expect(row).ToContainTextAsync($"Key …{KeyB[^4..]}");
        await Expect(row).ToContainTextAsync(fixture.Vapi.Scenario.Orgs[1].Assistants[1].Id);
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Edit Billing Support" })).ToBeFocusedAsync();
        var stored = await session.AgentFromApiAsync("Billing Support");
        stored.GetProperty("apiKeyHint").GetString().Should().Be($"…{KeyB[^4..]}");
        stored.GetProperty("agentId").GetString().Should().Be(fixture.Vapi.Scenario.Orgs[1].Assistants[1].Id);

        // Clearing the assistant id and leaving the key empty keeps the key.
        await row.GetByRole(AriaRole.Button, new() { Name = "Edit Billing Support" }).ClickAsync();
        var renamed = session.Page.GetByRole(AriaRole.Dialog, new() { Name = "Edit “Billing Support”" });
        await renamed.GetByLabel("Assistant id").FillAsync("");
        await renamed.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Every assistant the key sees");
        (await session.AgentFromApiAsync("Billing Support")).GetProperty("apiKeyHint").GetString().Should().Be($"…{KeyB[^4..]}");
    }

    [SkippableFact]
    public async Task ActiveSwitch_DeactivatesAndActivatesTheAgent()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.AddAgentAsync("Night Line", KeyA);
        var toggle = session.AgentRow("Night Line").GetByRole(AriaRole.Switch, new() { Name = "Active (Night Line)" });

        await toggle.ClickAsync();

        await Expect(toggle).Not.ToBeCheckedAsync();
        await Expect(session.Page.Locator("#toast")).ToContainTextAsync("inactive");
        (await session.AgentFromApiAsync("Night Line")).GetProperty("isActive").GetBoolean().Should().BeFalse();

        await session.Page.Keyboard.PressAsync("Space");

        await Expect(toggle).ToBeCheckedAsync();
        await Expect(session.Page.Locator("#toast")).ToContainTextAsync("active again");
        await Expect(toggle).ToBeFocusedAsync();
        (await session.AgentFromApiAsync("Night Line")).GetProperty("isActive").GetBoolean().Should().BeTrue();
    }

    [SkippableFact]
    public async Task VerifyKey_SaysWhatVapiAnswered()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.AddAgentAsync("Scheduling", KeyA, AssistantA);
        await session.AddAgentAsync("Old Key", "key-vapi-never-issued");

        await session.AgentRow("Scheduling").GetByRole(AriaRole.Button, new() { Name = "Verify key Scheduling" }).ClickAsync();
        await session.AgentRow("Old Key").GetByRole(AriaRole.Button, new() { Name = "Verify key Old Key" }).ClickAsync();

        await Expect(session.AgentRow("Scheduling").Locator(".agent-message"))
            .ToHaveTextAsync($"✓ Vapi accepted the key, assistant “{fixture.Vapi.Scenario.Orgs[0].Assistants[0].Name}” (organisation {fixture.Vapi.Scenario.Orgs[0].OrgId}).");
        await Expect(session.AgentRow("Scheduling")).ToContainTextAsync("verified");
        await Expect(session.AgentRow("Old Key").Locator(".agent-message")).ToHaveTextAsync("✗ Vapi rejected this API key.");
        await Expect(session.AgentRow("Old Key")).Not.ToContainTextAsync("verified");
    }

    [SkippableFact]
    public async Task Delete_AsksFirst_SaysTheHistoryIsKept_AndRemovesTheAgent()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.AddAgentAsync("Triage", KeyA);
        await session.AddAgentAsync("Refills", KeyB);
        var delete = session.AgentRow("Triage").GetByRole(AriaRole.Button, new() { Name = "Delete Triage" });

        await delete.ClickAsync();
        var dialog = session.Page.GetByRole(AriaRole.Dialog, new() { Name = "Delete “Triage”?" });
        await Expect(dialog).ToContainTextAsync("call history is kept");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await session.ScreenshotAsync("settings-delete");
        await session.Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(delete).ToBeFocusedAsync();
        await Expect(session.AgentRow("Triage")).ToBeVisibleAsync();

        await delete.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete agent" }).ClickAsync();

        await Expect(session.AgentRow("Triage")).ToHaveCountAsync(0);
        await Expect(session.AgentRow("Refills")).ToBeVisibleAsync();
        await Expect(session.Page.Locator("#toast")).ToContainTextAsync("Its call history is kept");
        (await session.AgentFromApiAsync("Triage")).GetProperty("deletedAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.String);

        await session.Page.GetByLabel("Show deleted agents").CheckAsync();
        await Expect(session.AgentRow("Triage")).ToContainTextAsync("its call history is kept");
        await Expect(session.AgentRow("Triage").GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task OnAPhone_AgentsAreCards_AndNothingScrollsSideways()
    {
        await using var session = await fixture.OpenAsync(Viewport.Phone);
        await session.SignUpAsync();
        await session.ScreenshotAsync("settings-empty");
        await session.AddAgentAsync("Patient Scheduling", KeyA, AssistantA);
        await session.AddAgentAsync("Prescription Refills", KeyB);

        var widths = await session.Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        widths[0].Should().BeLessThanOrEqualTo(widths[1], "the page must fit a phone's width");
        await Expect(session.Page.Locator(".agents-table thead")).ToBeHiddenAsync();
        var row = session.AgentRow("Patient Scheduling");
        (await row.Locator("td").First.EvaluateAsync<string>("td => getComputedStyle(td).display")).Should().Be("block");
        var lastButton = await row.GetByRole(AriaRole.Button, new() { Name = "Delete Patient Scheduling" }).BoundingBoxAsync();
        (lastButton!.X + lastButton.Width).Should().BeLessThanOrEqualTo(widths[1], "every action fits on the card");
        (await session.ContrastProblemsAsync()).Should().BeEmpty();
        await session.ScreenshotAsync("settings");
    }
}
