using Microsoft.Playwright;

namespace VapiAgents.Dashboard.BrowserTests.Support;

/// <summary>
/// Screenshots for the README, written to docs/screenshots/ only when <c>VAPIAGENTS_SCREENSHOTS=1</c>, so that
/// ordinary test runs leave the working tree clean.
/// </summary>
public static class Screenshots
{
    public const string EnvironmentVariable = "VAPIAGENTS_SCREENSHOTS";

    public static bool Enabled => Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    public static async Task TakeAsync(IPage page, string name)
    {
        if (!Enabled)
        {
            return;
        }

        // Let charts that draw on resize settle, and take the picture without the blinking caret.
        await page.WaitForTimeoutAsync(200);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}.png"), FullPage = true, Caret = ScreenshotCaret.Hide });
    }

    private static string Folder
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VapiAgents.sln")))
            {
                directory = directory.Parent;
            }

            var folder = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("The repository root was not found."), "docs", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}
