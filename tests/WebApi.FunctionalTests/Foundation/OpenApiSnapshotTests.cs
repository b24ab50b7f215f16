using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace VapiAgents.WebApi.FunctionalTests.Foundation;

/// <summary>
/// The committed <c>openapi.json</c> is the served document, and <c>src/Client</c> is what NSwag generates from it,
/// so the typed client never drifts from the API. With <c>UPDATE_OPENAPI=1</c> (what scripts/update-openapi.sh
/// sets) the tests rewrite both files instead of comparing.
/// </summary>
public sealed class OpenApiSnapshotTests
{
    private static readonly string DocumentFile = Path.Combine(OpenApiContractTests.RepositoryRoot, "openapi.json");
    private static readonly string ClientFile = Path.Combine(OpenApiContractTests.RepositoryRoot, "src", "Client", "VapiAgentsClient.g.cs");

    private static bool Updating => Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1";

    [SkippableFact]
    public async Task TheCommittedOpenApiJson_IsTheServedDocument()
    {
        var served = Normalise(await OpenApiContractTests.ServedDocumentAsync());
        if (Updating)
        {
            await File.WriteAllTextAsync(DocumentFile, served);
        }

        var committed = File.Exists(DocumentFile) ? Normalise(await File.ReadAllTextAsync(DocumentFile)) : "(missing)";
        committed.Should().Be(served, $"openapi.json must equal /swagger/v1/swagger.json; run {OpenApiContractTests.RefreshCommand} and commit the result");
    }

    [SkippableFact]
    public async Task TheCommittedClient_IsWhatNSwagGeneratesFromOpenApiJson()
    {
        var generated = Normalise(await GenerateClientAsync(await File.ReadAllTextAsync(DocumentFile)));
        if (Updating)
        {
            await File.WriteAllTextAsync(ClientFile, generated);
        }

        var committed = Normalise(await File.ReadAllTextAsync(ClientFile));
        (committed == generated).Should().BeTrue($"src/Client/VapiAgentsClient.g.cs must be generated from openapi.json; run {OpenApiContractTests.RefreshCommand} and commit the result");
    }

    public static async Task<string> GenerateClientAsync(string documentJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(documentJson);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "VapiAgentsClient",
            GenerateClientInterfaces = true,
            UseBaseUrl = false,
            GenerateBaseUrlProperty = false,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            CSharpGeneratorSettings =
            {
                Namespace = "VapiAgents.Client",
                JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson,
                GenerateNullableReferenceTypes = false,
            },
        };
        var code = new CSharpClientGenerator(document, settings).GenerateFile();
        // The generator stamps its version and the date; the committed file must only change when the API does.
        return string.Join('\n', code.Split('\n').Where(line => !line.Contains("Generated using the NSwag toolchain")));
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n").TrimEnd() + "\n";
}
