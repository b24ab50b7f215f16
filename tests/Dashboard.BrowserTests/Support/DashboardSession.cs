using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace VapiAgents.Dashboard.BrowserTests.Support;

public enum Viewport
{
    Desktop,
    Phone,
}

/// <summary>
/// One user's browser tab on the dashboard (a fresh context: no shared storage), with the steps tests share.
/// Disposing it fails the test if the page broke its Content-Security-Policy or threw an uncaught error.
/// </summary>
public sealed class DashboardSession : IAsyncDisposable
{
    /// <summary>
    /// How long a test waits for a sync the dashboard started: it runs as a background job, which on two loaded
    /// cores (a soak next to builds) took over 5 s, Playwright's default, while the product was working.
    /// </summary>
    public const float SyncTimeoutMs = 30_000;

    public const string Password = "Correct-Horse-9!";

    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _browserErrors = new();
    private HttpClient? _api;

    private DashboardSession(IBrowserContext context, IPage page, DashboardApp app, Viewport viewport)
    {
        _context = context;
        Page = page;
        App = app;
        Viewport = viewport;
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _browserErrors.Enqueue($"CSP: {message.Text}");
            }
        };
        page.PageError += (_, error) => _browserErrors.Enqueue($"Uncaught: {error}");
    }

    public IPage Page { get; }

    public DashboardApp App { get; }

    public Viewport Viewport { get; }

    public string Email { get; } = $"owner-{Guid.NewGuid().ToString("N")[..8]}@example.test";

    public static async Task<DashboardSession> OpenAsync(IBrowser browser, DashboardApp app, Viewport viewport)
    {
        var phone = viewport == Viewport.Phone;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            // A fixed locale and a zone other than UTC, so formatting and "the browser's zone" are both exercised.
            Locale = "en-US",
            TimezoneId = "Europe/Berlin",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 800 },
            IsMobile = phone,
            HasTouch = phone,
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        var session = new DashboardSession(context, page, app, viewport);
        await page.GotoAsync("/");
        return session;
    }

    public async Task SignUpAsync()
    {
        await Page.GotoAsync("/#/register");
        await Page.GetByLabel("Email").FillAsync(Email);
        await Page.GetByLabel("Password").FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Settings", Level = 1 })).ToBeVisibleAsync();
    }

    public async Task SignInAsync()
    {
        await Page.GotoAsync("/#/signin");
        await Page.GetByLabel("Email").FillAsync(Email);
        await Page.GetByLabel("Password").FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>The Settings list's row (or, on a phone, card) of the agent with exactly this name.</summary>
    public ILocator AgentRow(string name) =>
        Page.Locator("tr[data-agent-id]").Filter(new() { Has = Page.Locator(".agent-name", new() { HasTextRegex = new Regex($"^{Regex.Escape(name)}$") }) });

    /// <summary>The "Add an agent" form on Settings.</summary>
    public ILocator AddAgentForm => Page.GetByRole(AriaRole.Form, new() { Name = "Add an agent" });

    public async Task AddAgentAsync(string name, string apiKey, string? assistantId = null)
    {
        var form = AddAgentForm;
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await form.GetByLabel("Vapi private API key").FillAsync(apiKey);
        await form.GetByLabel("Assistant id (optional)").FillAsync(assistantId ?? "");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add agent" }).ClickAsync();
        await Expect(AgentRow(name)).ToBeVisibleAsync();
    }

    /// <summary>Syncs the agent from Settings (incremental) and waits for the run to finish.</summary>
    public async Task SyncAsync(string name)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await AgentRow(name).GetByRole(AriaRole.Button, new() { Name = $"Sync now {name}" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start sync" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Status)).ToContainTextAsync("Sync finished", new() { Timeout = SyncTimeoutMs });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
    }

    /// <summary>An HTTP client signed in as this session's user, to compare the page with the API.</summary>
    public async Task<HttpClient> ApiAsync()
    {
        if (_api is not null)
        {
            return _api;
        }

        var client = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = Email, password = Password });
        login.EnsureSuccessStatusCode();
        var tokens = await login.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return _api = client;
    }

    /// <summary>The agent as the API shows it (looked up by name, deleted ones included).</summary>
    public async Task<JsonElement> AgentFromApiAsync(string name)
    {
        var api = await ApiAsync();
        var list = await api.GetFromJsonAsync<JsonElement>("/api/vapi/agents?includeDeleted=true");
        return list.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("name").GetString() == name);
    }

    /// <summary>Writes "docs/screenshots/{name}-{desktop|phone}.png" when screenshots are asked for.</summary>
    public Task ScreenshotAsync(string name) => Screenshots.TakeAsync(Page, $"{name}-{Viewport.ToString().ToLowerInvariant()}");

    /// <summary>Visible text whose contrast with its background is below WCAG AA (4.5:1, large text 3:1).</summary>
    public Task<string[]> ContrastProblemsAsync() => Page.EvaluateAsync<string[]>(ContrastCheck.Script);

    public async ValueTask DisposeAsync()
    {
        _api?.Dispose();
        await _context.DisposeAsync();
        if (!_browserErrors.IsEmpty)
        {
            throw new InvalidOperationException("The page reported errors:\n" + string.Join('\n', _browserErrors));
        }
    }
}
