using System.Text.Json.Nodes;

namespace VapiAgents.WebApi.FunctionalTests.RealPayloads;

/// <summary>
/// The real Vapi payloads of <c>../shared/vapi/vapi_samples.json</c> (beside the repository), read at test time and
/// never copied into the project. Absent file: the caller skips with a message; under <c>CI=true</c> it fails instead.
/// </summary>
public static class VapiSamples
{
    public const string RelativePath = "../shared/vapi/vapi_samples.json";

    /// <summary>Every sample of the kind ("call" or "end-of-call-report"), by name.</summary>
    public static IReadOnlyList<(string Name, JsonObject Payload)> OfKind(string kind)
    {
        var path = Locate();
        if (path is null)
        {
            var message = $"The real Vapi payloads are not here: {RelativePath} (from the repository root) is missing.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new FileNotFoundException(message + " Under CI=true they are required.");
            }

            Skip.If(true, message);
        }

        var samples = JsonNode.Parse(File.ReadAllText(path!))!["samples"]!.AsArray();
        var chosen = samples.Where(sample => (string?)sample!["kind"] == kind)
            .Select(sample => ((string)sample!["name"]!, sample["payload"]!.DeepClone().AsObject()))
            .ToList();
        chosen.Should().NotBeEmpty($"the samples file holds payloads of kind '{kind}'");
        return chosen;
    }

    private static string? Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VapiAgents.sln")))
            {
                var path = Path.GetFullPath(Path.Combine(directory.FullName, RelativePath));
                return File.Exists(path) ? path : null;
            }
        }

        return null;
    }
}
