using Microsoft.Playwright;
using VapiAgents.Dashboard.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace VapiAgents.Dashboard.BrowserTests;

[Collection(DashboardCollection.Name)]
public sealed class AuthTests(DashboardFixture fixture)
{
    [SkippableFact]
    public async Task SignUp_LandsOnTheEmptySettings_AndSignOutForgetsTheTokens()
    {
        await using var session = await fixture.OpenAsync();
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("sign-in");

        await session.SignUpAsync();

        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "No agents yet" })).ToBeVisibleAsync();
        await Expect(session.Page.GetByText("Add your first agent above")).ToBeVisibleAsync();
        await Expect(session.Page.Locator("#account-email")).ToHaveTextAsync(session.Email);
        (await StoredSessionAsync(session.Page)).Should().Contain("accessToken").And.Contain("refreshToken");
        (await session.Page.Context.CookiesAsync()).Should().BeEmpty("tokens live in memory and sessionStorage only");
        await session.ScreenshotAsync("settings-empty");

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        (await StoredSessionAsync(session.Page)).Should().BeNull();
        await session.Page.GotoAsync("/#/settings");
        await Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/signin$"));
    }

    [SkippableFact]
    public async Task Register_ShowsEachOfTheApisErrorsNextToItsField()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await session.Page.GotoAsync("/#/register");
        var email = session.Page.GetByLabel("Email");
        var password = session.Page.GetByLabel("Password");
        var submit = session.Page.GetByRole(AriaRole.Button, new() { Name = "Create account" });

        await email.FillAsync($"new-{Guid.NewGuid():N}@example.test");
        await password.FillAsync("short");
        await submit.ClickAsync();

        await Expect(password).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(password).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("at least 8 characters.*non alphanumeric", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await Expect(password).ToBeFocusedAsync();
        await Expect(email).Not.ToHaveAttributeAsync("aria-invalid", "true");

        // An address that has an account is not revealed (docs/adr/015): another password just does not sign in.
        await email.FillAsync(session.Email);
        await password.FillAsync("Another-pass-9!");
        await submit.ClickAsync();

        await Expect(session.Page.GetByText("If you already have an account with this email, sign in with its password")).ToBeVisibleAsync();
        await Expect(email).Not.ToHaveAttributeAsync("aria-invalid", "true");
    }

    [SkippableFact]
    public async Task SignIn_WithAWrongPassword_SaysSo_AndWithTheRightOneOpensTheOverview()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await session.Page.GetByLabel("Email").FillAsync(session.Email);
        await session.Page.GetByLabel("Password").FillAsync("Wrong-pass-1!");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or password is not right.");

        await session.SignInAsync();
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Add your first agent" })).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task SignIn_WorksWithTheKeyboardAlone_AndFocusIsAlwaysVisible()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        // A fresh load, so the keyboard starts at the top of the page.
        await session.Page.ReloadAsync();
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        var keyboard = session.Page.Keyboard;

        // Skip link first, then the form's fields in order.
        await keyboard.PressAsync("Tab");
        await Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await AssertFocusRingAsync(session.Page);
        await keyboard.PressAsync("Tab");
        await Expect(session.Page.GetByLabel("Email")).ToBeFocusedAsync();
        await AssertFocusRingAsync(session.Page);
        await keyboard.TypeAsync(session.Email);
        await keyboard.PressAsync("Tab");
        await Expect(session.Page.GetByLabel("Password")).ToBeFocusedAsync();
        await keyboard.TypeAsync(DashboardSession.Password);
        await keyboard.PressAsync("Tab");
        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeFocusedAsync();
        await AssertFocusRingAsync(session.Page);
        await keyboard.PressAsync("Enter");

        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task ARefusedAccessToken_IsRefreshedQuietly()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.AddAgentAsync("Front Desk", fixture.Vapi.Scenario.Orgs[0].Keys[0]);

        // A token the server no longer accepts (as after a key-ring change): the next request is refused once,
        // then retried with refreshed tokens, and the user notices nothing.
        await session.Page.EvaluateAsync("""
            () => {
              const saved = JSON.parse(sessionStorage.getItem('vapiagents.session'));
              sessionStorage.setItem('vapiagents.session', JSON.stringify({ ...saved, accessToken: 'revoked' }));
            }
            """);
        await session.Page.ReloadAsync();

        await Expect(session.AgentRow("Front Desk")).ToBeVisibleAsync();
        var stored = await StoredSessionAsync(session.Page);
        stored.Should().NotContain("\"revoked\"");
        await Expect(session.Page.Locator("#account-email")).ToHaveTextAsync(session.Email);
    }

    [SkippableFact]
    public async Task TheAccessToken_IsRefreshedQuietly_AMinuteBeforeItExpires()
    {
        await using var session = await fixture.OpenAsync();
        await session.Page.Clock.InstallAsync();
        await session.SignUpAsync();
        var first = await StoredSessionAsync(session.Page);

        // Tokens live an hour; at 59 minutes the page has swapped them for new ones without being asked.
        await session.Page.Clock.FastForwardAsync("59:10");

        await Expect(session.Page.Locator("#account-email")).ToHaveTextAsync(session.Email);
        await session.Page.WaitForFunctionAsync("first => sessionStorage.getItem('vapiagents.session') !== first", first);
        var refreshed = await StoredSessionAsync(session.Page);
        refreshed.Should().Contain("accessToken");
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Add your first agent" })).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task ARefusedRefreshToken_EndsTheSession_WithAMessage()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();

        await session.Page.EvaluateAsync("""
            () => {
              const saved = JSON.parse(sessionStorage.getItem('vapiagents.session'));
              sessionStorage.setItem('vapiagents.session', JSON.stringify({ ...saved, accessToken: 'revoked', refreshToken: 'revoked' }));
            }
            """);
        await session.Page.ReloadAsync();

        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(session.Page.Locator("#toast")).ToHaveTextAsync("Your session has ended. Please sign in again.");
        (await StoredSessionAsync(session.Page)).Should().BeNull();
    }

    [SkippableFact]
    public async Task A429OnRefresh_MeansLater_NotSignedOut_AndTheRefreshIsRetried()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        // The sign-in limit (per address, shared by everyone behind one proxy) answers the refresh with 429 once.
        var refused = 0;
        await session.Page.RouteAsync("**/api/auth/refresh", async route =>
        {
            if (Interlocked.Increment(ref refused) == 1)
            {
                await route.FulfillAsync(new()
                {
                    Status = 429,
                    ContentType = "application/problem+json",
                    Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
                    Body = "{\"status\":429,\"title\":\"Too many requests\"}",
                });
                return;
            }

            await route.ContinueAsync();
        });
        await session.Page.EvaluateAsync("""
            () => {
              const saved = JSON.parse(sessionStorage.getItem('vapiagents.session'));
              sessionStorage.setItem('vapiagents.session', JSON.stringify({ ...saved, accessToken: 'revoked' }));
            }
            """);
        await session.Page.ReloadAsync();

        await session.Page.WaitForFunctionAsync("() => !(sessionStorage.getItem('vapiagents.session') ?? '').includes('\"revoked\"')");
        refused.Should().BeGreaterThanOrEqualTo(2, "refused once, then tried again after Retry-After");
        await Expect(session.Page.Locator("#account-email")).ToHaveTextAsync(session.Email);
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).Not.ToBeVisibleAsync();
    }

    private static Task<string?> StoredSessionAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => sessionStorage.getItem('vapiagents.session')");

    private static async Task AssertFocusRingAsync(IPage page)
    {
        var outline = await page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
        outline.Should().NotStartWith("none").And.NotEndWith(" 0px", "the focused control must show where focus is");
    }
}
