using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using VapiAgents.Infrastructure.BackgroundJobs;
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

    [SkippableFact]
    public async Task DashboardForms_OfACookieSession_NeedTheTokenOfItsPage()
    {
        const string adminEmail = "operator@example.test";
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        await app.RegisterAndLoginAsync(adminEmail);
        await OperatorCommand.GrantAdminAsync(app, adminEmail);

        // An operator's browser: signed in by cookie, as the Hangfire dashboard is used.
        using var browser = app.Factory.CreateDefaultClient(new CookieContainerHandler());
        (await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = adminEmail, password = Accounts.Password }))
            .EnsureSuccessStatusCode();
        var page = await browser.GetStringAsync("/hangfire/recurring");

        // What a form on another site can send: the cookie rides along, the page's token does not.
        var forged = await browser.PostAsync("/hangfire/recurring/trigger", TriggerForm());
        forged.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var (header, token) = AntiforgeryOf(page);
        using var genuine = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger") { Content = TriggerForm() };
        genuine.Headers.Add(header, token);
        var answer = await browser.SendAsync(genuine);
        answer.IsSuccessStatusCode.Should().BeTrue($"the dashboard's own form carries its token (got {(int)answer.StatusCode})");
    }

    private static FormUrlEncodedContent TriggerForm() => new([new KeyValuePair<string, string>("jobs[]", RetentionJob.RecurringJobId)]);

    /// <summary>The header name and token the dashboard's layout writes into its meta tags for its scripts.</summary>
    private static (string Header, string Token) AntiforgeryOf(string page)
    {
        var header = Regex.Match(page, "<meta name=\"csrf-header\" content=\"([^\"]+)\">");
        var token = Regex.Match(page, "<meta name=\"csrf-token\" content=\"([^\"]+)\">");
        header.Success.Should().BeTrue("the page carries the antiforgery header name");
        token.Success.Should().BeTrue("the page carries the antiforgery token");
        return (header.Groups[1].Value, token.Groups[1].Value);
    }
}
