using System.Net;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Foundation;

public sealed class HangfireDashboardTests
{
    [SkippableFact]
    public async Task Dashboard_IsForAdminsOnly()
    {
        const string adminEmail = "operator@example.test";
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        using var anonymous = app.CreateClient();
        var user = await app.RegisterAndLoginAsync();
        await app.RegisterAndLoginAsync(adminEmail);
        var admin = await OperatorCommand.GrantAdminAsync(app, adminEmail);

        (await anonymous.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await user.Client.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var asAdmin = await admin.Client.GetAsync("/hangfire");
        asAdmin.StatusCode.Should().Be(HttpStatusCode.OK);
        (await asAdmin.Content.ReadAsStringAsync()).Should().Contain("Hangfire");
    }
}
