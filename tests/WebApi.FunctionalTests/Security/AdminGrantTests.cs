using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Security;

/// <summary>Admin only by an operator command on an existing account; never by an e-mail anyone can register.</summary>
public sealed class AdminGrantTests
{
    private const string ListedEmail = "root@example.test";

    [SkippableTheory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task AListedAddress_RegisteredFirstOnAFreshInstance_IsNoAdmin_AndStartUpWarns(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Admin:Emails"] = ListedEmail });
        var victim = await app.RegisterAndLoginAsync();
        await victim.Client.PostAsync("/api/vapi/agents", JsonContent.Create(new { name = "x" }));
        var squatter = await app.RegisterAndLoginAsync(ListedEmail);

        (await squatter.Client.PostAsync("/api/admin/rollups/rebuild", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await squatter.Client.PostAsync("/api/admin/encryption/rotate", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await squatter.Client.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var audit = (await squatter.Client.GetFromJsonAsync<JsonElement>("/api/vapi/audit?limit=200")).GetProperty("events");
        audit.GetArrayLength().Should().Be(0, "the squatter sees no other user's audit rows");
        app.Logs.Lines.Should().Contain(l => l.Contains("Admin:Emails is set but no longer grants anything"));
    }

    [SkippableTheory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task TheOperatorCommand_GrantsAndRevokes_OnTheDatabase_WithAnAuditRow(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.RegisterAndLoginAsync();

        var unknown = await OperatorCommand.RunAsync(app, CommandLine.GrantAdmin, "nobody@example.test");
        var usage = await OperatorCommand.RunAsync(app, CommandLine.GrantAdmin);
        var granted = await OperatorCommand.RunAsync(app, CommandLine.GrantAdmin, user.Email.ToUpperInvariant());
        var again = await OperatorCommand.RunAsync(app, CommandLine.GrantAdmin, user.Email);
        var admin = await app.LoginAsync(user.Email);
        var asAdmin = await admin.Client.PostAsync("/api/admin/rollups/rebuild", null);
        var revoked = await OperatorCommand.RunAsync(app, CommandLine.RevokeAdmin, user.Email);
        var afterRevoke = await app.LoginAsync(user.Email);

        unknown.ExitCode.Should().Be(3);
        unknown.Error.Should().Contain("No account has the e-mail");
        usage.ExitCode.Should().Be(2);
        granted.ExitCode.Should().Be(0, granted.Error);
        again.Output.Should().Contain("nothing changed");
        asAdmin.StatusCode.Should().Be(HttpStatusCode.OK);
        revoked.ExitCode.Should().Be(0, revoked.Error);
        (await afterRevoke.Client.PostAsync("/api/admin/rollups/rebuild", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var own = (await afterRevoke.Client.GetFromJsonAsync<JsonElement>("/api/vapi/audit")).GetProperty("events")
            .EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        own.Should().ContainInOrder("admin.revoked", "admin.granted");
        own.Count(a => a == "admin.granted").Should().Be(1, "a grant that changed nothing is not recorded");
    }
}
