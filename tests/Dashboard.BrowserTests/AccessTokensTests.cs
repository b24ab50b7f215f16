using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VapiAgents.Dashboard.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace VapiAgents.Dashboard.BrowserTests;

[Collection(DashboardCollection.Name)]
public sealed class AccessTokensTests(DashboardFixture fixture)
{
    [SkippableFact]
    public async Task AReadToken_ShowsItsSecretOnce_ReadsButCannotWrite_ShowsItsLastUse_AndIsRefusedOnceRevoked()
    {
        await using var session = await fixture.OpenAsync();
        await session.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await session.SignUpAsync();
        var card = session.Page.GetByRole(AriaRole.Region, new() { Name = "Access tokens" });
        var form = card.GetByRole(AriaRole.Form, new() { Name = "Create an access token" });
        var name = form.GetByLabel("Token name");
        var days = form.GetByLabel("Expires after (days)");
        var create = form.GetByRole(AriaRole.Button, new() { Name = "Create token" });
        await Expect(card).ToContainTextAsync("No access tokens");

        // The API's errors land next to the fields they name.
        await days.FillAsync("400");
        await create.ClickAsync();
        await Expect(name).ToHaveAccessibleDescriptionAsync(new Regex("name is required"));
        await Expect(days).ToHaveAccessibleDescriptionAsync(new Regex("expiresInDays must be 1 to 365"));
        await Expect(name).ToBeFocusedAsync();

        await name.FillAsync("Monthly sheet");
        await form.GetByLabel("Access").SelectOptionAsync("read");
        await days.FillAsync("30");
        await create.ClickAsync();

        var dialog = session.Page.GetByRole(AriaRole.Dialog, new() { Name = "Token “Monthly sheet” created" });
        var secretField = dialog.GetByLabel("Secret", new() { Exact = true });
        await Expect(secretField).ToHaveValueAsync(new Regex("^va_pat_"));
        await Expect(secretField).ToHaveAttributeAsync("readonly", "");
        var secret = await secretField.InputValueAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Copy Secret" }).ClickAsync();
        (await session.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).Should().Be(secret);
        await Expect(dialog).ToContainTextAsync("it is not shown again");
        await session.ScreenshotAsync("settings-access-token");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        // A closed <dialog> leaves the DOM only when its "close" event has run: wait for it before reading the page.
        await Expect(session.Page.Locator("dialog")).ToHaveCountAsync(0);
        (await session.Page.ContentAsync()).Should().NotContain(secret, "closing the dialog forgets the secret");
        (await session.Page.EvaluateAsync<string>("() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage)"))
            .Should().NotContain(secret, "the secret is never stored");

        var row = TokenRow(session, "Monthly sheet");
        await Expect(row.Locator("td[data-label='Access']")).ToHaveTextAsync("Read only");
        await Expect(row.Locator("td[data-label='Starts with']")).ToHaveTextAsync($"{secret[..11]}…");
        await Expect(row.Locator("td[data-label='Last used']")).ToHaveTextAsync("Never");
        await Expect(form.GetByLabel("Token name")).ToHaveValueAsync("");
        var listed = await TokensFromApiAsync(session);
        listed.Should().ContainSingle();
        listed[0].GetProperty("expiresAt").GetDateTime().Should().BeCloseTo(DateTime.UtcNow.AddDays(30), TimeSpan.FromMinutes(5));
        (await session.ContrastProblemsAsync()).Should().BeEmpty();

        using var script = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await script.GetAsync("/api/vapi/agents")).StatusCode.Should().Be(HttpStatusCode.OK, "the secret shown is the token the server keeps");
        var write = await script.PostAsJsonAsync("/api/vapi/agents", new { name = "Made by a script", apiKey = fixture.Vapi.Scenario.Orgs[0].Keys[0] });
        write.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a read token may only GET");

        await session.Page.ReloadAsync();
        var lastUsed = TokenRow(session, "Monthly sheet").Locator("td[data-label='Last used'] time");
        await Expect(lastUsed).ToHaveTextAsync(new Regex("now|seconds? ago"));
        var usedAt = (await TokensFromApiAsync(session)).Single().GetProperty("lastUsedAt").GetString();
        await Expect(lastUsed).ToHaveAttributeAsync("datetime", usedAt!);

        var revoke = TokenRow(session, "Monthly sheet").GetByRole(AriaRole.Button, new() { Name = "Revoke Monthly sheet" });
        await revoke.ClickAsync();
        var confirm = session.Page.GetByRole(AriaRole.Dialog, new() { Name = "Revoke “Monthly sheet”?" });
        await Expect(confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await session.Page.Keyboard.PressAsync("Escape");
        await Expect(confirm).ToBeHiddenAsync();
        await Expect(revoke).ToBeFocusedAsync();
        (await script.GetAsync("/api/vapi/agents")).StatusCode.Should().Be(HttpStatusCode.OK, "cancelling revokes nothing");

        await revoke.ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Revoke token" }).ClickAsync();

        await Expect(TokenRow(session, "Monthly sheet")).ToHaveCountAsync(0);
        await Expect(card).ToContainTextAsync("No access tokens");
        await Expect(card.GetByRole(AriaRole.Heading, new() { Name = "Access tokens", Exact = true })).ToBeFocusedAsync();
        await Expect(session.Page.Locator("#toast")).ToContainTextAsync("Revoked “Monthly sheet”");
        (await script.GetAsync("/api/vapi/agents")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TokensFromApiAsync(session)).Should().BeEmpty();
    }

    private static ILocator TokenRow(DashboardSession session, string name) =>
        session.Page.Locator("tr[data-token-id]").Filter(new() { Has = session.Page.Locator("td.token-name", new() { HasTextRegex = new Regex($"^{Regex.Escape(name)}$") }) });

    private static async Task<List<JsonElement>> TokensFromApiAsync(DashboardSession session)
    {
        var api = await session.ApiAsync();
        return (await api.GetFromJsonAsync<JsonElement>("/api/auth/tokens")).GetProperty("tokens").EnumerateArray().ToList();
    }
}
