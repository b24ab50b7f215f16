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
    public async Task SwaggerUi_KeepsWorking_WithoutTheDashboardsPolicy()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };

        var response = await client.GetAsync("/swagger/index.html");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Content-Security-Policy").Should().BeFalse();
    }
}
