using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Foundation;

public sealed class AuthenticationTests
{
    [SkippableTheory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task RegisterLoginAndCallAnAuthenticatedEndpoint_ThenTheTokenSurvivesARestart(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.RegisterAndLoginAsync();

        user.Tokens.TokenType.Should().Be("Bearer");
        user.Tokens.ExpiresIn.Should().BeGreaterThan(0);
        var info = await user.Client.GetFromJsonAsync<Dictionary<string, object>>("/api/auth/manage/info");
        info!["email"].ToString().Should().Be(user.Email);

        // A new host on the same database reads the key ring from the database, so the old token still works.
        await app.RestartAsync();
        using var afterRestart = app.CreateClient();
        afterRestart.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Tokens.AccessToken);
        (await afterRestart.GetAsync("/api/auth/manage/info")).StatusCode.Should().Be(HttpStatusCode.OK);

        var refreshed = await afterRestart.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = user.Tokens.RefreshToken });
        refreshed.StatusCode.Should().Be(HttpStatusCode.OK);

        // The key ring that protects tokens is sealed in the database, never stored in the clear.
        var stored = await DatabaseSnapshot.ReadAllAsync(app);
        stored.Should().Contain("sealedKey").And.NotContain("<masterKey");
    }

    [SkippableFact]
    public async Task MissingOrBadToken_Answers401ProblemDetails()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        using var anonymous = app.CreateClient();
        using var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        await (await anonymous.GetAsync("/api/auth/manage/info")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await forged.GetAsync("/api/auth/manage/info")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task RepeatedFailedLogins_LockTheAccount()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var user = await app.RegisterAndLoginAsync();
        using var client = app.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            var failed = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong-password-1" });
            failed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var withRightPassword = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password });
        withRightPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the account is locked out for a while");
    }
}
