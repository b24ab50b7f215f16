using System.Net;
using System.Text.Json;
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
}
