using Microsoft.Playwright;
using VapiAgents.TestSupport;

namespace VapiAgents.Dashboard.BrowserTests.Support;

/// <summary>
/// Debian's Chromium, driven by Playwright (which cannot download its own browsers here). Without it the browser
/// tests skip when run by hand and fail under CI (<c>CI=true</c>), like the PostgreSQL tests.
/// </summary>
public static class Chromium
{
    public const string EnvironmentVariable = "VAPIAGENTS_CHROMIUM";

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public static string HowToInstall =>
        $"Chromium was not found at {ExecutablePath}. Install it (`apt-get install chromium`), set {EnvironmentVariable} " +
        "to a Chromium executable, or run .ci/run which installs it.";

    /// <summary>Skips the calling test (by hand) or fails it (CI) when there is no Chromium.</summary>
    public static void Require()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        if (PostgresTestServer.RunningInCi)
        {
            throw new InvalidOperationException($"CI=true but {HowToInstall}");
        }

        Skip.If(true, HowToInstall);
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // No sandbox inside containers; nothing reaches out to Google's services from a test.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
}
