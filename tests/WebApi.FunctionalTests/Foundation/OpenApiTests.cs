using System.Net;
using System.Text.Json;
using VapiAgents.WebApi.FunctionalTests.Security;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Foundation;

public sealed class OpenApiTests
{
    [SkippableFact]
    public async Task Document_HasTheBearerSchemeAndTheAuthRoutes_AndSwaggerUiIsServed()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        using var client = app.CreateClient();

        var document = await client.GetAsync("/swagger/v1/swagger.json");
        var ui = await client.GetAsync("/swagger/index.html");

        document.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        scheme.GetProperty("scheme").GetString().Should().Be("bearer");
        root.GetProperty("paths").TryGetProperty("/api/auth/login", out _).Should().BeTrue();
        root.GetProperty("paths").TryGetProperty("/api/auth/register", out _).Should().BeTrue();
        ui.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ui.Content.ReadAsStringAsync()).Should().Contain("swagger");
    }

    [SkippableTheory]
    [InlineData("Production", null, false)]
    [InlineData("Production", "true", true)]
    [InlineData("Development", "false", false)]
    public async Task SwaggerAndTheDocument_FollowOpenApiEnabled_OffInProductionByDefault(string environment, string? enabled, bool served)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = "Data Source=" + Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.db"),
        };
        if (enabled is not null)
        {
            settings["OpenApi:Enabled"] = enabled;
        }

        await using var app = await TestApp.StartAsync(Provider.Sqlite, settings, environment);
        using var client = app.CreateClient();

        foreach (var path in new[] { "/swagger", "/swagger/index.html", "/swagger/v1/swagger.json" })
        {
            var response = await client.GetAsync(path);
            if (served)
            {
                ((int)response.StatusCode).Should().BeInRange(200, 399, path);
            }
            else
            {
                response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            }
        }
    }

    [SkippableFact]
    public async Task Document_ShowsEveryProtectedRoute_WithItsBodyAndErrorCodes_AndNoSecretExamples()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        using var client = app.CreateClient();
        var text = await client.GetStringAsync("/swagger/v1/swagger.json");
        using var json = JsonDocument.Parse(text);
        var paths = json.RootElement.GetProperty("paths");

        foreach (var route in RouteCatalogue.WithBearer)
        {
            var (method, pattern) = (route.Key.Split(' ')[0].ToLowerInvariant(), route.Key.Split(' ')[1].Replace(":guid", ""));
            paths.TryGetProperty(pattern, out var path).Should().BeTrue(route.Key);
            path.TryGetProperty(method, out var operation).Should().BeTrue(route.Key);
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            responses.Should().Contain("401", route.Key).And.Contain(r => r.StartsWith('2'), route.Key);
            operation.GetProperty("security").GetArrayLength().Should().BeGreaterThan(0, route.Key);
            if (route.TakesId)
            {
                responses.Should().Contain("404", route.Key);
            }
        }

        var createBody = json.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("CreateAgentRequest");
        createBody.GetProperty("properties").GetProperty("apiKey").GetProperty("format").GetString().Should().Be("password");
        text.Should().NotContain("\"apiKey\": \"", "no example may carry a key");
    }
}
