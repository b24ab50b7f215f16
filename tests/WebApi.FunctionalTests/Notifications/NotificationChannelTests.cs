using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Notifications;

/// <summary><c>/api/vapi/notification-channels</c>: create, read, change, rotate, delete; secrets shown once; isolation; bad input.</summary>
public abstract class NotificationChannelTests(NotificationsAppFixture fixture)
{
    private TestApp App => fixture.App;

    [SkippableFact]
    public async Task AWebhookChannel_ShowsItsSecretOnce_AndItsUrlOnlyAsAHint_NeverInAnswersOrTheDatabase()
    {
        var user = await App.RegisterAndLoginAsync();
        var url = SecretLedger.Register($"http://127.0.0.1:9/hooks/T{Guid.NewGuid():N}x9Zq");
        var (id, channel, secret) = await NotificationApi.CreateAsync(user.Client, new { name = "Ops hook", type = "webhook", url });

        secret.Should().StartWith("whsec_");
        Convert.FromBase64String(secret!["whsec_".Length..]).Length.Should().BeGreaterThanOrEqualTo(24);
        channel.GetProperty("type").GetString().Should().Be("webhook");
        channel.GetProperty("urlHint").GetString().Should().Be("http://127.0.0.1/…x9Zq");
        channel.GetProperty("enabled").GetBoolean().Should().BeTrue();
        channel.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()).Should()
            .BeEquivalentTo("budget.threshold", "anomaly.cost", "anomaly.calls", "sync.failing", "channel.failing");

        var list = await user.Client.GetStringAsync(NotificationApi.Route);
        var one = await user.Client.GetStringAsync($"{NotificationApi.Route}/{id}");
        foreach (var answer in new[] { list, one })
        {
            answer.Should().NotContain(secret).And.NotContain(url).And.NotContain("secret\"");
        }

        var patched = await user.Client.PatchJsonAsync($"{NotificationApi.Route}/{id}", new { name = "Renamed", kinds = new[] { "budget.threshold" } });
        patched.StatusCode.Should().Be(HttpStatusCode.OK);
        var changed = (await patched.JsonAsync()).GetProperty("channel");
        changed.GetProperty("name").GetString().Should().Be("Renamed");
        changed.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()).Should().Equal("budget.threshold");

        var rotated = await user.Client.PostAsync($"{NotificationApi.Route}/{id}/rotate-secret", null);
        rotated.StatusCode.Should().Be(HttpStatusCode.OK);
        var newSecret = SecretLedger.Register((await rotated.JsonAsync()).GetProperty("secret").GetString()!);
        newSecret.Should().StartWith("whsec_").And.NotBe(secret);

        (await App.FindLeakedSecretsAsync()).Should().BeEmpty("URLs and secrets are sealed in the database and never answered again");

        (await user.Client.DeleteAsync($"{NotificationApi.Route}/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await user.Client.GetAsync($"{NotificationApi.Route}/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task SlackAndEmailChannels_HaveNoSecret_AndAChannelCanBeDisabledAndReEnabled()
    {
        var user = await App.RegisterAndLoginAsync();
        var slackUrl = SecretLedger.Register($"http://127.0.0.1:9/services/T{Guid.NewGuid():N}");
        var (slack, _, slackSecret) = await NotificationApi.CreateAsync(user.Client, new { name = "Slack", type = "slack", url = slackUrl });
        var (mail, mailChannel, mailSecret) = await NotificationApi.CreateAsync(user.Client, new { name = "Inbox", type = "email", email = "ops@example.com", kinds = new[] { "sync.failing" } });

        slackSecret.Should().BeNull();
        mailSecret.Should().BeNull();
        mailChannel.GetProperty("email").GetString().Should().Be("ops@example.com");
        mailChannel.GetProperty("urlHint").ValueKind.Should().Be(JsonValueKind.Null);
        await (await user.Client.PostAsync($"{NotificationApi.Route}/{slack}/rotate-secret", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        (await user.Client.PatchJsonAsync($"{NotificationApi.Route}/{mail}", new { enabled = false })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await NotificationApi.ChannelAsync(user.Client, mail)).GetProperty("enabled").GetBoolean().Should().BeFalse();
        (await user.Client.PatchJsonAsync($"{NotificationApi.Route}/{mail}", new { enabled = true })).StatusCode.Should().Be(HttpStatusCode.OK);
        var enabled = await NotificationApi.ChannelAsync(user.Client, mail);
        enabled.GetProperty("enabled").GetBoolean().Should().BeTrue();
        enabled.GetProperty("disabledReason").ValueKind.Should().Be(JsonValueKind.Null);
        (await user.Client.GetFromJsonAsync<JsonElement>(NotificationApi.Route)).GetProperty("channels").GetArrayLength().Should().Be(2);
    }

    [SkippableFact]
    public async Task AnotherUsersChannel_Answers404_EverywhereLikeAnUnknownOne()
    {
        var owner = await App.RegisterAndLoginAsync();
        var (id, _, _) = await NotificationApi.CreateAsync(owner.Client, new { name = "Mine", type = "email", email = "me@example.com" });
        var stranger = await App.RegisterAndLoginAsync();

        foreach (var target in new[] { id, Guid.NewGuid() })
        {
            await (await stranger.Client.GetAsync($"{NotificationApi.Route}/{target}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.Client.PatchJsonAsync($"{NotificationApi.Route}/{target}", new { name = "Theirs" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.Client.DeleteAsync($"{NotificationApi.Route}/{target}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.Client.PostAsync($"{NotificationApi.Route}/{target}/test", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.Client.PostAsync($"{NotificationApi.Route}/{target}/rotate-secret", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.Client.GetAsync($"{NotificationApi.Route}/{target}/deliveries")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        (await stranger.Client.GetFromJsonAsync<JsonElement>(NotificationApi.Route)).GetProperty("channels").GetArrayLength().Should().Be(0);
        (await NotificationApi.ChannelAsync(owner.Client, id)).GetProperty("name").GetString().Should().Be("Mine");
    }

    [SkippableFact]
    public async Task BadInput_Answers400_NamingTheField()
    {
        var user = await App.RegisterAndLoginAsync();
        var cases = new (object Body, string Field)[]
        {
            (new { type = "webhook", url = "http://127.0.0.1:9/x" }, "name"),
            (new { name = "x", type = "pager", url = "http://127.0.0.1:9/x" }, "type"),
            (new { name = "x", type = "webhook" }, "url"),
            (new { name = "x", type = "webhook", url = "ftp://127.0.0.1/x" }, "url"),
            (new { name = "x", type = "slack", url = "not a url" }, "url"),
            (new { name = "x", type = "webhook", url = "http://user:pass@127.0.0.1:9/x" }, "url"),
            (new { name = "x", type = "email", email = "nobody" }, "email"),
            (new { name = "x", type = "email", email = "a@example.com", url = "http://127.0.0.1:9/x" }, "url"),
            (new { name = "x", type = "email", email = "a@example.com", kinds = new[] { "budget.exploded" } }, "kinds"),
            (new { name = "x", type = "email", email = "a@example.com", kinds = Array.Empty<string>() }, "kinds"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await (await user.Client.PostAsJsonAsync(NotificationApi.Route, body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.ErrorFields().Should().Contain(field, JsonSerializer.Serialize(body));
        }

        var (mail, _, _) = await NotificationApi.CreateAsync(user.Client, new { name = "Inbox", type = "email", email = "a@example.com" });
        (await (await user.Client.PatchJsonAsync($"{NotificationApi.Route}/{mail}", new { url = "http://127.0.0.1:9/x" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().Should().Contain("url");
        (await (await user.Client.PatchJsonAsync($"{NotificationApi.Route}/{mail}", new { name = "" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().Should().Contain("name");
    }

    [SkippableFact]
    public async Task AUser_HasAtMostTheConfiguredNumberOfChannels()
    {
        var user = await App.RegisterAndLoginAsync();
        for (var i = 0; i < 10; i++)
        {
            await NotificationApi.CreateAsync(user.Client, new { name = $"Inbox {i}", type = "email", email = $"a{i}@example.com" });
        }

        await (await user.Client.PostAsJsonAsync(NotificationApi.Route, new { name = "Eleventh", type = "email", email = "b@example.com" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }
}

public sealed class SqliteNotificationChannelTests(SqliteNotificationsAppFixture fixture) : NotificationChannelTests(fixture), IClassFixture<SqliteNotificationsAppFixture>;

public sealed class PostgreSqlNotificationChannelTests(PostgreSqlNotificationsAppFixture fixture) : NotificationChannelTests(fixture), IClassFixture<PostgreSqlNotificationsAppFixture>;
