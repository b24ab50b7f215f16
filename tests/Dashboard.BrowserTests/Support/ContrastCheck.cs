namespace VapiAgents.Dashboard.BrowserTests.Support;

/// <summary>The WCAG 2 contrast check run in the page (contrast.js, embedded in this assembly).</summary>
public static class ContrastCheck
{
    public static string Script { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(ContrastCheck).Assembly.GetManifestResourceStream("VapiAgents.Dashboard.BrowserTests.contrast.js")
            ?? throw new InvalidOperationException("contrast.js is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
