using VapiAgents.TestSupport;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VapiAgents.Dashboard.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace VapiAgents.Dashboard.BrowserTests;

/// <summary>Settings → Notifications against the real API, which delivers to a receiver the test runs on 127.0.0.1.</summary>
[Collection(DashboardCollection.Name)]
public sealed class NotificationsTests(DashboardFixture fixture)
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task AWebhookChannel_ShowsFieldErrors_ShowsItsSecretOnce_DeliversASignedTest_AndIsDeleted()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var session = await fixture.OpenAsync();
        await session.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await session.SignUpAsync();
        var card = NotificationsCard(session);
        var form = card.GetByRole(AriaRole.Form, new() { Name = "Add a notification channel" });
        var name = form.GetByLabel("Channel name");
        var url = form.GetByLabel("URL", new() { Exact = true });
        var kinds = form.GetByRole(AriaRole.Group, new() { Name = "Send these alerts" });
        var add = form.GetByRole(AriaRole.Button, new() { Name = "Add channel" });
        await Expect(card).ToContainTextAsync("No notification channels");
        await Expect(kinds.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(5);
        foreach (var box in await kinds.GetByRole(AriaRole.Checkbox).AllAsync())
        {
            await Expect(box).ToBeCheckedAsync();
        }

        // The API's errors land next to the fields they name: a URL that is not http(s) and no kind at all.
        await name.FillAsync("Ticket queue");
        await url.FillAsync("ftp://files.example.test/hook");
        foreach (var box in await kinds.GetByRole(AriaRole.Checkbox).AllAsync())
        {
            await box.UncheckAsync();
        }

        await add.ClickAsync();
        await Expect(url).ToHaveAccessibleDescriptionAsync(new Regex("url must be an absolute http or https URL"));
        await Expect(url).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(kinds).ToHaveAccessibleDescriptionAsync(new Regex("kinds must hold one or more of"));
        await Expect(card.Locator("li[data-channel-id]")).ToHaveCountAsync(0);

        await url.FillAsync($"{receiver.BaseUrl}/hooks/ticket-queue");
        await kinds.GetByLabel("Budget thresholds").CheckAsync();
        await kinds.GetByLabel("Failing syncs").CheckAsync();
        await add.ClickAsync();

        // The signing secret: shown once, read-only, with a Copy button and the words that it is not shown again.
        var dialog = session.Page.GetByRole(AriaRole.Dialog, new() { Name = "Channel “Ticket queue” added" });
        var secretField = dialog.GetByLabel("Signing secret", new() { Exact = true });
        await Expect(secretField).ToHaveValueAsync(new Regex("^whsec_"));
        await Expect(secretField).ToHaveAttributeAsync("readonly", "");
        var secret = await secretField.InputValueAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Copy Signing secret" }).ClickAsync();
        (await session.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).Should().Be(secret);
        await Expect(dialog).ToContainTextAsync("it will not be shown again");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(session.Page.Locator("dialog")).ToHaveCountAsync(0);
        (await session.Page.ContentAsync()).Should().NotContain(secret, "closing the dialog forgets the secret");

        var item = ChannelItem(session, "Ticket queue");
        await Expect(item.Locator(".channel-status")).ToHaveTextAsync("Enabled");
        await Expect(item.Locator(".channel-destination")).ToHaveTextAsync(new Regex(@"^http://127\.0\.0\.1/…"));
        await Expect(item.Locator(".channel-kinds-list")).ToHaveTextAsync("Budget thresholds, Failing syncs");
        await Expect(name).ToHaveValueAsync("");
        var listed = (await ChannelsFromApiAsync(session)).Single();
        listed.GetProperty("type").GetString().Should().Be("webhook");
        listed.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()).Should().BeEquivalentTo("budget.threshold", "sync.failing");

        // A test is queued (202) and its delivery row appears, pending and then delivered to the receiver.
        await item.GetByRole(AriaRole.Button, new() { Name = "Send test Ticket queue" }).ClickAsync();
        await Expect(item.Locator(".channel-message")).ToContainTextAsync("Test queued");
        var row = item.Locator("tr[data-delivery-id]");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td[data-label='Status']")).ToHaveTextAsync("Delivered", new() { Timeout = (float)DeliveryTimeout.TotalMilliseconds });
        await Expect(row.Locator("td[data-label='Attempts']")).ToHaveTextAsync("1");
        await Expect(row.Locator("td[data-label='Last answer']")).ToHaveTextAsync("200");
        await Expect(row.Locator("td[data-label='Event']")).ToContainTextAsync("Test");
        await session.ScreenshotAsync("settings-notifications");
        (await session.ContrastProblemsAsync()).Should().BeEmpty();

        var hook = receiver.Requests.Should().ContainSingle().Subject;
        hook.Path.Should().Be("/hooks/ticket-queue");
        await Expect(row.Locator("td[data-label='Event'] code")).ToHaveTextAsync(hook.Headers["webhook-id"]);
        var signed = $"{hook.Headers["webhook-id"]}.{hook.Headers["webhook-timestamp"]}.{hook.Body}";
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Encoding.UTF8.GetBytes(signed)));
        hook.Headers["webhook-signature"].Split(' ').Should().Contain($"v1,{expected}", "the secret shown is the one the server signs with");
        JsonDocument.Parse(hook.Body).RootElement.GetProperty("type").GetString().Should().Be("test");

        // After a reload the secret is nowhere, and the delivery is still listed.
        await session.Page.ReloadAsync();
        item = ChannelItem(session, "Ticket queue");
        await Expect(item).ToBeVisibleAsync();
        (await session.Page.ContentAsync()).Should().NotContain(secret);
        (await session.Page.EvaluateAsync<string>("() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage)")).Should().NotContain(secret);
        await item.GetByText("Recent deliveries").ClickAsync();
        await Expect(item.Locator("tr[data-delivery-id] td[data-label='Status']")).ToHaveTextAsync("Delivered");

        var delete = item.GetByRole(AriaRole.Button, new() { Name = "Delete Ticket queue" });
        await delete.ClickAsync();
        var confirm = session.Page.GetByRole(AriaRole.Dialog, new() { Name = "Delete “Ticket queue”?" });
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete channel" }).ClickAsync();
        await Expect(ChannelItem(session, "Ticket queue")).ToHaveCountAsync(0);
        await Expect(card).ToContainTextAsync("No notification channels");
        await Expect(card.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Exact = true })).ToBeFocusedAsync();
        (await ChannelsFromApiAsync(session)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task AChannelDisabledByA410_SaysWhyInWords_IsReEnabled_AndItsSecretRotatedShowsTheNewOneOnce_OnAPhone()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var session = await fixture.OpenAsync(Viewport.Phone);
        await session.SignUpAsync();
        var form = NotificationsCard(session).GetByRole(AriaRole.Form, new() { Name = "Add a notification channel" });
        await form.GetByLabel("Channel name").FillAsync("Old receiver");
        await form.GetByLabel("URL", new() { Exact = true }).FillAsync($"{receiver.BaseUrl}/hooks/gone");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add channel" }).ClickAsync();
        var dialog = session.Page.GetByRole(AriaRole.Dialog, new() { Name = "Channel “Old receiver” added" });
        var firstSecret = await dialog.GetByLabel("Signing secret", new() { Exact = true }).InputValueAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        (await ChannelsFromApiAsync(session)).Single().GetProperty("kinds").GetArrayLength().Should().Be(5, "every kind is ticked to begin with");

        // The receiver answers 410 Gone: the delivery fails and the channel says in words that it was disabled, and why.
        var item = ChannelItem(session, "Old receiver");
        await item.GetByRole(AriaRole.Button, new() { Name = "Send test Old receiver" }).ClickAsync();
        var row = item.Locator("tr[data-delivery-id]");
        await Expect(row.Locator("td[data-label='Status']")).ToHaveTextAsync("Failed", new() { Timeout = (float)DeliveryTimeout.TotalMilliseconds });
        await Expect(row.Locator("td[data-label='Last answer']")).ToHaveTextAsync("410");
        await Expect(row.Locator("td[data-label='Last error']")).ToContainTextAsync("410 Gone");
        await Expect(item.Locator(".channel-status")).ToHaveTextAsync("Disabled");
        await Expect(item.Locator(".channel-disabled")).ToContainTextAsync("The receiver answered 410 Gone.");
        await Expect(item).ToHaveAttributeAsync("data-enabled", "false");
        receiver.Requests.Should().ContainSingle();
        // On a phone the deliveries are cards, each value under its column's name.
        (await item.Locator("table.deliveries-table thead").EvaluateAsync<string>("e => getComputedStyle(e).display")).Should().Be("none");
        await session.ScreenshotAsync("settings-notifications");
        (await session.ContrastProblemsAsync()).Should().BeEmpty();

        await session.Page.ReloadAsync();
        item = ChannelItem(session, "Old receiver");
        await Expect(item.Locator(".channel-status")).ToHaveTextAsync("Disabled");
        await item.GetByRole(AriaRole.Button, new() { Name = "Re-enable Old receiver" }).ClickAsync();
        await Expect(item.Locator(".channel-status")).ToHaveTextAsync("Enabled");
        await Expect(item.Locator(".channel-disabled")).ToHaveCountAsync(0);
        await Expect(item.GetByRole(AriaRole.Button, new() { Name = "Re-enable Old receiver" })).ToHaveCountAsync(0);
        await Expect(session.Page.Locator("#toast")).ToContainTextAsync("is enabled again");
        (await ChannelsFromApiAsync(session)).Single().GetProperty("enabled").GetBoolean().Should().BeTrue();

        await item.GetByRole(AriaRole.Button, new() { Name = "Rotate secret Old receiver" }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Dialog, new() { Name = "Rotate the secret of “Old receiver”?" })
            .GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();
        var rotated = session.Page.GetByRole(AriaRole.Dialog, new() { Name = "New secret for “Old receiver”" });
        var secretField = rotated.GetByLabel("Signing secret", new() { Exact = true });
        await Expect(secretField).ToHaveValueAsync(new Regex("^whsec_"));
        var secondSecret = await secretField.InputValueAsync();
        secondSecret.Should().NotBe(firstSecret);
        await Expect(rotated).ToContainTextAsync("it will not be shown again");
        await rotated.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(session.Page.Locator("dialog")).ToHaveCountAsync(0);
        (await session.Page.ContentAsync()).Should().NotContain(secondSecret);
        await Expect(item.Locator(".channel-message")).ToContainTextAsync("The secret was replaced");
    }

    [SkippableFact]
    public async Task AnEmailChannel_AsksForAnAddressInsteadOfAUrl_AndHasNoSecret()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        var form = NotificationsCard(session).GetByRole(AriaRole.Form, new() { Name = "Add a notification channel" });
        var url = form.GetByLabel("URL", new() { Exact = true });
        var email = form.GetByLabel("E-mail address");
        await Expect(url).ToBeVisibleAsync();
        await Expect(email).ToBeHiddenAsync();

        await form.GetByLabel("Type").SelectOptionAsync("email");
        await Expect(url).ToBeHiddenAsync();
        await Expect(email).ToBeVisibleAsync();
        await form.GetByLabel("Channel name").FillAsync("Finance inbox");
        await email.FillAsync("not an address");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add channel" }).ClickAsync();
        await Expect(email).ToHaveAccessibleDescriptionAsync(new Regex("email must be one e-mail address"));
        await Expect(email).ToBeFocusedAsync();

        await email.FillAsync("finance@example.test");
        await form.GetByRole(AriaRole.Group, new() { Name = "Send these alerts" }).GetByLabel("Unusual calls").UncheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Add channel" }).ClickAsync();
        var item = ChannelItem(session, "Finance inbox");
        await Expect(item.Locator(".channel-destination")).ToHaveTextAsync("finance@example.test");
        await Expect(item.Locator(".channel-kinds-list")).ToHaveTextAsync("Budget thresholds, Unusual cost, Failing syncs, Failing notification channels");
        await Expect(item.GetByRole(AriaRole.Button, new() { Name = "Rotate secret Finance inbox" })).ToHaveCountAsync(0);
        await Expect(session.Page.Locator("dialog")).ToHaveCountAsync(0);
        await Expect(session.Page.Locator("#toast")).ToContainTextAsync("Added “Finance inbox”");
        // The form is back to its start: a webhook with every kind ticked.
        await Expect(form.GetByLabel("Type")).ToHaveValueAsync("webhook");
        await Expect(url).ToBeVisibleAsync();
        await Expect(form.GetByRole(AriaRole.Group, new() { Name = "Send these alerts" }).GetByLabel("Unusual calls")).ToBeCheckedAsync();

        var channel = (await ChannelsFromApiAsync(session)).Single();
        channel.GetProperty("type").GetString().Should().Be("email");
        channel.GetProperty("email").GetString().Should().Be("finance@example.test");
        channel.GetProperty("kinds").GetArrayLength().Should().Be(4);
    }

    private static ILocator NotificationsCard(DashboardSession session) =>
        session.Page.GetByRole(AriaRole.Region, new() { Name = "Notifications", Exact = true });

    private static ILocator ChannelItem(DashboardSession session, string name) =>
        session.Page.Locator("li[data-channel-id]").Filter(new() { Has = session.Page.Locator(".channel-name", new() { HasTextRegex = new Regex($"^{Regex.Escape(name)}$") }) });

    private static async Task<List<JsonElement>> ChannelsFromApiAsync(DashboardSession session)
    {
        var api = await session.ApiAsync();
        return (await api.GetFromJsonAsync<JsonElement>("/api/vapi/notification-channels")).GetProperty("channels").EnumerateArray().ToList();
    }
}
