using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.AccessTokens;

public abstract class AccessTokenAppFixture(Provider provider) : AppFixture(provider)
{
    public const string AdminEmail = "token-admin@example.test";
}

public sealed class SqliteAccessTokenAppFixture() : AccessTokenAppFixture(Provider.Sqlite);

public sealed class PostgreSqlAccessTokenAppFixture() : AccessTokenAppFixture(Provider.PostgreSql);

/// <summary>Personal access tokens: created with the secret shown once, scoped, revocable at once, audited.</summary>
public abstract class AccessTokenTests(AccessTokenAppFixture fixture)
{
    private TestApp App => fixture.App;

    private string VapiKey => fixture.Vapi.Scenario.Orgs[0].Keys[0];

    [SkippableFact]
    public async Task ACreatedToken_ShowsItsSecretOnce_IsListedWithoutIt_AndWorksOnTheApi()
    {
        var user = await App.RegisterAndLoginAsync();

        var (token, secret) = await AccessTokenApi.CreateAsync(user.Client, "write", "Zapier");
        using var script = AccessTokenApi.ClientWith(App, secret);
        var created = await script.PostAsJsonAsync("/api/vapi/agents", new { name = "Made by a script", apiKey = VapiKey });
        var listed = await script.GetAsync("/api/vapi/agents");
        var tokensText = await user.Client.GetStringAsync("/api/auth/tokens");

        secret.Should().StartWith("va_pat_").And.HaveLength(50);
        token.GetProperty("name").GetString().Should().Be("Zapier");
        token.GetProperty("scope").GetString().Should().Be("write");
        token.GetProperty("prefix").GetString().Should().Be(secret[..11]);
        token.GetProperty("expiresAt").GetDateTime().Should().BeCloseTo(DateTime.UtcNow.AddDays(90), TimeSpan.FromMinutes(5));
        token.TryGetProperty("secret", out _).Should().BeFalse();
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        listed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await listed.JsonAsync()).GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("name").GetString()).Should().Contain("Made by a script");
        tokensText.Should().Contain(token.GetProperty("id").GetString()).And.NotContain(secret);
    }

    [SkippableFact]
    public async Task AReadToken_PullsMetrics_AndGets403OnEveryWrite()
    {
        var user = await App.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(user.Client, $"Read {Guid.NewGuid():N}", VapiKey)).Id();
        var (_, secret) = await AccessTokenApi.CreateAsync(user.Client, "read");
        using var script = AccessTokenApi.ClientWith(App, secret);

        var metrics = await script.GetAsync($"/api/vapi/metrics?agentId={agent}");
        var runs = await script.GetAsync($"/api/vapi/sync?agentId={agent}");

        metrics.StatusCode.Should().Be(HttpStatusCode.OK);
        (await metrics.JsonAsync()).GetProperty("metrics").GetProperty("totals").TryGetProperty("calls", out _).Should().BeTrue();
        runs.StatusCode.Should().Be(HttpStatusCode.OK);
        await (await script.PostAsJsonAsync("/api/vapi/sync", new { agentId = agent })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await script.PostAsJsonAsync("/api/vapi/agents", new { name = "nope", apiKey = VapiKey })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await script.PatchJsonAsync($"/api/vapi/agents/{agent}", new { name = "nope" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await script.DeleteAsync($"/api/vapi/agents?id={agent}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await user.Client.GetAsync($"/api/vapi/agents/{agent}")).StatusCode.Should().Be(HttpStatusCode.OK, "the refused writes changed nothing");
    }

    [SkippableFact]
    public async Task NoToken_ManagesTokens_ChangesThePassword_OrActsAsAnAdmin_EvenAnAdminsWriteToken()
    {
        var other = await App.RegisterAndLoginAsync();
        await AgentApi.CreateAsync(other.Client, $"Someone else's {Guid.NewGuid():N}", VapiKey);
        await App.RegisterAndLoginAsync(AccessTokenAppFixture.AdminEmail);
        var realAdmin = await OperatorCommand.GrantAdminAsync(App, AccessTokenAppFixture.AdminEmail);
        var (_, secret) = await AccessTokenApi.CreateAsync(realAdmin.Client, "write");
        using var script = AccessTokenApi.ClientWith(App, secret);

        await (await script.PostAsJsonAsync("/api/auth/tokens", new { name = "escalation", scope = "write" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await script.GetAsync("/api/auth/tokens")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await script.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = Accounts.Password, newPassword = "Another-Horse-9" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await script.PostAsync("/api/admin/rollups/rebuild", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await realAdmin.Client.PostAsync("/api/admin/rollups/rebuild", null)).StatusCode.Should().Be(HttpStatusCode.OK, "the session of the same admin may");
        var audit = (await script.GetFromJsonAsync<JsonElement>("/api/vapi/audit")).GetProperty("events").EnumerateArray().ToList();
        audit.Should().NotBeEmpty().And.NotContain(e => e.GetProperty("action").GetString() == "agent.created",
            "an admin's token sees only its owner's trail, not everyone's");
        (await realAdmin.Client.PostAsJsonAsync("/api/auth/login", new { email = AccessTokenAppFixture.AdminEmail, password = Accounts.Password }))
            .StatusCode.Should().Be(HttpStatusCode.OK, "the password is unchanged");
    }

    [SkippableFact]
    public async Task ARevokedToken_Is401AtOnce_OnEveryInstance()
    {
        var user = await App.RegisterAndLoginAsync();
        var (token, secret) = await AccessTokenApi.CreateAsync(user.Client, "read");
        // Instances share a database on PostgreSQL; SQLite is one process's file, so there the "peer" is the app itself.
        await using var peer = App.Provider == Provider.PostgreSql ? App.StartPeer() : null;
        using var here = AccessTokenApi.ClientWith(App, secret);
        using var there = AccessTokenApi.ClientWith(peer ?? App, secret);
        (await here.GetAsync("/api/vapi/agents")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await there.GetAsync("/api/vapi/agents")).StatusCode.Should().Be(HttpStatusCode.OK);

        var revoked = await user.Client.DeleteAsync($"/api/auth/tokens/{token.GetProperty("id").GetString()}");

        revoked.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var refusedHere = await here.GetAsync("/api/vapi/agents");
        var refusedThere = await there.GetAsync("/api/vapi/agents");
        await refusedHere.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await refusedThere.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        refusedHere.Headers.WwwAuthenticate.ToString().Should().Contain("Bearer");
        (await AccessTokenApi.ListAsync(user.Client)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task AnExpiredOrUnknownToken_Is401()
    {
        var user = await App.RegisterAndLoginAsync();
        var (token, secret) = await AccessTokenApi.CreateAsync(user.Client, "read", expiresInDays: 1);
        using var script = AccessTokenApi.ClientWith(App, secret);
        using var forged = AccessTokenApi.ClientWith(App, "va_pat_" + new string('A', 43));
        (await script.GetAsync("/api/vapi/agents")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var id = token.GetProperty("id").GetGuid();
            await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().PersonalAccessTokens
                .Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddSeconds(-1)));
        }

        await (await script.GetAsync("/api/vapi/agents")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await forged.GetAsync("/api/vapi/agents")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task LastUse_IsWrittenAtMostOnceAMinute_AndCreationFirstUseAndRevocationAreAudited()
    {
        var user = await App.RegisterAndLoginAsync();
        var (token, secret) = await AccessTokenApi.CreateAsync(user.Client, "read", "Sheets");
        using var script = AccessTokenApi.ClientWith(App, secret);
        token.GetProperty("lastUsedAt").ValueKind.Should().Be(JsonValueKind.Null);

        (await script.GetAsync("/api/vapi/agents")).EnsureSuccessStatusCode();
        var first = (await AccessTokenApi.ListAsync(user.Client)).Single().GetProperty("lastUsedAt").GetDateTime();
        (await script.GetAsync("/api/vapi/agents")).EnsureSuccessStatusCode();
        (await script.GetAsync("/api/vapi/metrics")).EnsureSuccessStatusCode();
        var second = (await AccessTokenApi.ListAsync(user.Client)).Single().GetProperty("lastUsedAt").GetDateTime();
        (await user.Client.DeleteAsync($"/api/auth/tokens/{token.GetProperty("id").GetString()}")).EnsureSuccessStatusCode();

        first.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        second.Should().Be(first, "a use within the minute is not written");
        var actions = (await user.Client.GetFromJsonAsync<JsonElement>("/api/vapi/audit")).GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()).ToList();
        actions.Should().Equal("access-token.revoked", "access-token.first-used", "access-token.created");
        (await user.Client.GetStringAsync("/api/vapi/audit")).Should().Contain("Sheets").And.NotContain(secret);
    }

    [SkippableFact]
    public async Task BadRequests_Name_TheField_AndAnotherUsersToken_Is404LikeAnUnknownOne()
    {
        var owner = await App.RegisterAndLoginAsync();
        var stranger = await App.RegisterAndLoginAsync();
        var (token, _) = await AccessTokenApi.CreateAsync(owner.Client, "write");

        async Task<IReadOnlyList<string>> Fields(object body) =>
            (await (await owner.Client.PostAsJsonAsync("/api/auth/tokens", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields();

        (await Fields(new { scope = "read" })).Should().Equal("name");
        (await Fields(new { name = "x", scope = "admin" })).Should().Equal("scope");
        (await Fields(new { name = "x", scope = "read", expiresInDays = 0 })).Should().Equal("expiresInDays");
        (await Fields(new { name = "x", scope = "read", expiresInDays = 366 })).Should().Equal("expiresInDays");
        (await Fields(new { name = new string('x', 101), scope = "read" })).Should().Equal("name");
        await (await stranger.Client.DeleteAsync($"/api/auth/tokens/{token.GetProperty("id").GetString()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Client.DeleteAsync($"/api/auth/tokens/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await AccessTokenApi.ListAsync(owner.Client)).Should().ContainSingle();
        (await AccessTokenApi.ListAsync(stranger.Client)).Should().BeEmpty();
    }
}

public sealed class SqliteAccessTokenTests(SqliteAccessTokenAppFixture fixture) : AccessTokenTests(fixture), IClassFixture<SqliteAccessTokenAppFixture>;

public sealed class PostgreSqlAccessTokenTests(PostgreSqlAccessTokenAppFixture fixture) : AccessTokenTests(fixture), IClassFixture<PostgreSqlAccessTokenAppFixture>;
