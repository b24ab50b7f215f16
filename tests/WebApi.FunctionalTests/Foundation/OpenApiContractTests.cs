using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Foundation;

/// <summary>
/// The served OpenAPI document is the product's contract: every operation documented, Redocly's recommended
/// rules clean, and the committed <c>openapi.json</c> (which the typed client is generated from) equal to it.
/// </summary>
public sealed class OpenApiContractTests
{
    public const string RefreshCommand = "scripts/update-openapi.sh";

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "VapiAgents.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("VapiAgents.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static async Task<string> ServedDocumentAsync()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        using var client = app.CreateClient();
        return await client.GetStringAsync("/swagger/v1/swagger.json");
    }

    [SkippableFact]
    public async Task EveryOperation_HasASummary_ADescription_AndItsClientErrorAnswers()
    {
        using var document = JsonDocument.Parse(await ServedDocumentAsync());

        var missing = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                var lacks = new List<string>();
                if (!HasText(operation.Value, "summary"))
                {
                    lacks.Add(".WithSummary(...)");
                }

                if (!HasText(operation.Value, "description"))
                {
                    lacks.Add(".WithDescription(...)");
                }

                if (!operation.Value.GetProperty("responses").EnumerateObject().Any(r => r.Name.StartsWith('4')))
                {
                    lacks.Add(".ProducesProblem(StatusCodes.Status4xx...)");
                }

                if (lacks.Count > 0)
                {
                    missing.Add($"{operation.Name.ToUpperInvariant()} {path.Name}: add {string.Join(", ", lacks)}");
                }
            }
        }

        missing.Should().BeEmpty("every operation documents itself (docs/architecture.md, 'The contract'); then run " + RefreshCommand);
    }

    [SkippableFact]
    public async Task ExamplesOfTheMainRoutes_AreThere_AndCarryNoSecret()
    {
        var text = await ServedDocumentAsync();
        using var document = JsonDocument.Parse(text);
        var paths = document.RootElement.GetProperty("paths");

        foreach (var (path, method, status) in new[]
                 {
                     ("/api/vapi/agents", "get", "200"), ("/api/vapi/agents", "post", "201"), ("/api/vapi/sync", "post", "200"),
                     ("/api/auth/tokens", "get", "200"),
                 })
        {
            paths.GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status).GetProperty("content")
                .GetProperty("application/json").TryGetProperty("example", out _).Should().BeTrue($"{method} {path} has an example");
        }

        text.Should().NotContain("\"apiKey\": \"", "no example may carry a key");
        Regex.IsMatch(text, "va_pat_[A-Za-z0-9_-]{12,}").Should().BeFalse("no example may carry a token's secret");
        text.Should().NotContain("whsec_");
    }

    [SkippableFact]
    public async Task RedoclyRecommendedLint_ReportsNoErrorAndNoWarning()
    {
        var redocly = FindRedocly();
        if (redocly is null)
        {
            const string how = "Redocly CLI is not installed: npm install --prefix tools/redocly @redocly/cli (what .ci/run does).";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException(how);
            }

            Skip.If(true, how);
        }

        var file = Path.Combine(Path.GetTempPath(), $"vapiagents-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await ServedDocumentAsync());
        try
        {
            var start = new ProcessStartInfo(redocly!)
            {
                ArgumentList = { "lint", "--extends", "recommended", "--format", "stylish", file },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            var report = await output + await errors;

            process.ExitCode.Should().Be(0, report);
            report.Should().Contain("Your API description is valid", report);
            Regex.IsMatch(report, @"\b(warning|error)\b\s+[a-z0-9-]+\s").Should().BeFalse(report);
            report.Should().NotMatchRegex(@"You have \d+ warning", report);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary><c>REDOCLY_CLI</c>, else the copy .ci/run installs under tools/redocly, else <c>redocly</c> on the PATH.</summary>
    private static string? FindRedocly()
    {
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("REDOCLY_CLI"),
            Path.Combine(RepositoryRoot, "tools", "redocly", "node_modules", ".bin", "redocly"),
        };
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(p => Path.Combine(p, "redocly"));
        return candidates.Concat(onPath).FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }

    private static bool HasText(JsonElement operation, string field) =>
        operation.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString());
}
