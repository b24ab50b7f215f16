using System.Net;
using VapiAgents.Dashboard.BrowserTests.Support;

namespace VapiAgents.Dashboard.BrowserTests;

[Collection(DashboardCollection.Name)]
public sealed class ServingTests(DashboardFixture fixture)
{
    private const string Policy = VapiAgents.WebApi.Infrastructure.SecurityHeaders.ContentSecurityPolicy;

    [SkippableFact]
    public async Task Root_ServesTheDashboard_WithTheStrictPolicy_OnEveryFile()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };

        foreach (var path in new[] { "/", "/js/app.js", "/css/app.css" })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            response.Headers.GetValues("Content-Security-Policy").Should().ContainSingle().Which.Should().Be(Policy, path);
        }

        (await client.GetStringAsync("/")).Should().Contain("<script type=\"module\" src=\"js/app.js\"></script>");
    }

    [SkippableFact]
    public async Task SwaggerUi_RendersInChromium_UnderItsOwnPolicy()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };
        var response = await client.GetAsync("/swagger/index.html");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Content-Security-Policy").Should().ContainSingle()
            .Which.Should().Be(VapiAgents.WebApi.Infrastructure.SecurityHeaders.ThirdPartyPagePolicy);

        // The session fails on dispose if the browser reported a policy violation or an uncaught error.
        await using var session = await fixture.OpenAsync();
        // Swagger UI links a web font from elsewhere, which never loads here; the page itself must not need it.
        await session.Page.GotoAsync("/swagger/index.html", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        await Microsoft.Playwright.Assertions.Expect(session.Page.Locator(".swagger-ui .info .title")).ToContainTextAsync("VapiAgents API", new() { Timeout = 30_000 });
        await Microsoft.Playwright.Assertions.Expect(session.Page.Locator(".opblock-tag").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }
}
