using System.Net;
using System.Text;
using Microsoft.Playwright;
using VapiAgents.Dashboard.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace VapiAgents.Dashboard.BrowserTests;

[Collection(DashboardCollection.Name)]
public sealed class WebhookTests(DashboardFixture fixture)
{
    [SkippableFact]
    public async Task TheSecret_IsShownOnceWithTheUrl_CopiesToTheClipboard_AndRotatingRetiresTheOldOne()
    {
        await using var session = await fixture.OpenAsync();
        await session.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await session.SignUpAsync();
        await session.AddAgentAsync("Front Desk", fixture.Vapi.Scenario.Orgs[0].Keys[0]);
        var agentId = (await session.AgentFromApiAsync("Front Desk")).GetProperty("id").GetString();

        var first = await CreateSecretAsync(session);
        var dialog = session.Page.GetByRole(AriaRole.Dialog, new() { Name = "Webhook for “Front Desk”" });
        await Expect(dialog.GetByLabel("Server URL")).ToHaveValueAsync($"{fixture.App.BaseUrl}/api/vapi/webhooks/{agentId}");
        await Expect(dialog).ToContainTextAsync("X-Vapi-Secret");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Copy Secret" }).ClickAsync();
        (await session.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).Should().Be(first);
        await session.ScreenshotAsync("settings-webhook");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        // A closed <dialog> leaves the accessibility tree at once but the DOM only when its "close" event has run:
        // wait for the element itself to go before reading the page.
        await Expect(session.Page.Locator("dialog")).ToHaveCountAsync(0);
        (await session.Page.ContentAsync()).Should().NotContain(first, "closing the dialog forgets the secret");

        (await DeliverAsync(agentId!, first)).Should().Be(HttpStatusCode.OK, "the secret shown is the one the server keeps");
        var second = await CreateSecretAsync(session);
        second.Should().NotBe(first);
        (await DeliverAsync(agentId!, first)).Should().Be(HttpStatusCode.Unauthorized);
        (await DeliverAsync(agentId!, second)).Should().Be(HttpStatusCode.OK);
    }

    private static async Task<string> CreateSecretAsync(DashboardSession session)
    {
        await session.AgentRow("Front Desk").GetByRole(AriaRole.Button, new() { Name = "Webhook Front Desk" }).ClickAsync();
        var dialog = session.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create or rotate secret" }).ClickAsync();
        var secret = dialog.GetByLabel("Secret", new() { Exact = true });
        await Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^whsec_"));
        await Expect(secret).ToHaveAttributeAsync("readonly", "");
        return await secret.InputValueAsync();
    }

    /// <summary>A server message as Vapi would post it, proven with the secret.</summary>
    private async Task<HttpStatusCode> DeliverAsync(string agentId, string secret)
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/vapi/webhooks/{agentId}")
        {
            Content = new StringContent("""{"message":{"type":"status-update","status":"ringing"}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Vapi-Secret", secret);
        return (await client.SendAsync(request)).StatusCode;
    }
}
