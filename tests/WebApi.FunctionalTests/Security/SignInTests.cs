using System.Net;
using System.Net.Http.Json;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Security;

/// <summary>Sign-in, register, sign-out and password change: nothing tells accounts apart, and old tokens stop.</summary>
public sealed class SignInTests
{
    private static Dictionary<string, string?> ShortStampInterval() => new() { ["Authentication:SecurityStampValidationSeconds"] = "0.2" };

    private static async Task<(string Title, string Detail)> FailureAsync(HttpClient client, string email, string password)
    {
        var problem = await (await client.PostAsJsonAsync("/api/auth/login", new { email, password })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        return (problem.GetProperty("title").GetString()!, problem.GetProperty("detail").GetString()!);
    }

    [SkippableTheory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task LoginFailure_IsOneAnswer_AndALockoutIsToldOnlyToTheRightPassword(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.RegisterAndLoginAsync();
        using var client = app.CreateClient();

        var wrong = await FailureAsync(client, user.Email, "Wrong-pass-1");
        var unknown = await FailureAsync(client, $"nobody-{Guid.NewGuid():N}@example.test", "Wrong-pass-1");
        for (var i = 0; i < 4; i++)
        {
            await FailureAsync(client, user.Email, "Wrong-pass-1");
        }

        var lockedWrong = await FailureAsync(client, user.Email, "Wrong-pass-1");
        var lockedRight = await FailureAsync(client, user.Email, user.Password);

        new[] { wrong, unknown, lockedWrong }.Distinct().Should().ContainSingle("an unknown e-mail, a wrong password and a locked account look alike");
        lockedRight.Detail.Should().Be("LockedOut", "the owner, who knows the password, learns why");
    }

    [SkippableFact]
    public async Task RegisteringAnExistingAddress_AnswersLikeANewOne_ButAWeakPasswordIsStillNamed()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var user = await app.RegisterAndLoginAsync();
        using var client = app.CreateClient();

        var again = await client.PostAsJsonAsync("/api/auth/register", new { email = user.Email, password = "Other-pass-9" });
        var fresh = await client.PostAsJsonAsync("/api/auth/register", new { email = $"new-{Guid.NewGuid():N}@example.test", password = "Other-pass-9" });
        var weak = await client.PostAsJsonAsync("/api/auth/register", new { email = user.Email, password = "short" });

        again.StatusCode.Should().Be(fresh.StatusCode).And.Be(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).Should().Be(await fresh.Content.ReadAsStringAsync());
        (await weak.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("password");
        (await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password })).StatusCode
            .Should().Be(HttpStatusCode.OK, "the existing account keeps its password");
    }

    [SkippableTheory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task Logout_RevokesTheRefreshTokens_AndTheAccessTokenStopsWithinTheInterval(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider, ShortStampInterval());
        var user = await app.RegisterAndLoginAsync();
        var second = await app.LoginAsync(user.Email);
        (await second.Client.GetAsync("/api/vapi/agents")).StatusCode.Should().Be(HttpStatusCode.OK);

        var logout = await user.Client.PostAsync("/api/auth/logout", null);
        await Task.Delay(TimeSpan.FromSeconds(0.5));

        logout.StatusCode.Should().Be(HttpStatusCode.NoContent);
        using var anonymous = app.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = second.Tokens.RefreshToken })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await user.Client.GetAsync("/api/vapi/agents")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await second.Client.GetAsync("/api/vapi/agents")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "sign-out is everywhere");
        (await anonymous.PostAsync("/api/auth/logout", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await (await app.LoginAsync(user.Email)).Client.GetAsync("/api/vapi/agents")).StatusCode.Should().Be(HttpStatusCode.OK, "signing in again works");
    }

    [SkippableFact]
    public async Task AChangedPassword_StopsTheOldAccessTokens()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, ShortStampInterval());
        var user = await app.RegisterAndLoginAsync();
        var other = await app.LoginAsync(user.Email);

        var change = await user.Client.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = user.Password, newPassword = "Brand-new-pass-7" });
        await Task.Delay(TimeSpan.FromSeconds(0.5));

        change.StatusCode.Should().Be(HttpStatusCode.OK);
        (await other.Client.GetAsync("/api/vapi/agents")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await (await app.LoginAsync(user.Email, "Brand-new-pass-7")).Client.GetAsync("/api/vapi/agents")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task PasswordChanges_AreThrottledLikeSignIn()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "8" });
        var user = await app.RegisterAndLoginAsync();
        var session = await app.LoginAsync(user.Email);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            answers.Add((await session.Client.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = $"Guess-{i}-pass", newPassword = "Brand-new-pass-7" })).StatusCode);
        }

        answers.Take(4).Should().OnlyContain(s => s == HttpStatusCode.BadRequest);
        answers[^1].Should().Be(HttpStatusCode.TooManyRequests, "sign-up and two sign-ins took 3 of the 8 a minute");
        (await session.Client.GetAsync("/api/auth/manage/info")).StatusCode.Should().Be(HttpStatusCode.OK, "reading the account is not throttled");
    }
}
