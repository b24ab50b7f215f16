using VapiAgents.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StandardWebhooks;
using VapiAgents.WebApi.FunctionalTests.Alerts;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;
using Xunit.Abstractions;

namespace VapiAgents.WebApi.FunctionalTests.Notifications;

/// <summary>
/// Alerts delivered over real HTTP and SMTP: signed webhooks, Slack, e-mail; retries with one webhook-id; 410 and
/// failure streaks disable; a pending delivery survives a restart.
/// </summary>
public abstract class NotificationDeliveryTests(NotificationsAppFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private TestApp App => fixture.App;

    [SkippableFact]
    public async Task ABudgetThresholdCrossedByASync_ReachesAWebhook_Signed_ASlackReceiver_AndAnInbox()
    {
        var (user, agent, assistant) = await fixture.AgentAsync();
        await using var hook = await HookReceiver.StartAsync();
        await using var slack = await HookReceiver.StartAsync();
        SecretLedger.Register(hook.Url);
        SecretLedger.Register(slack.Url);
        var (hookChannel, _, secret) = await NotificationApi.CreateAsync(user.Client, new { name = "Hook", type = "webhook", url = hook.Url, kinds = new[] { "budget.threshold" } });
        await NotificationApi.CreateAsync(user.Client, new { name = "Slack", type = "slack", url = slack.Url });
        var address = $"ops-{Guid.NewGuid():N}@example.com";
        await NotificationApi.CreateAsync(user.Client, new { name = "Inbox", type = "email", email = address });
        var agentName = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{agent}")).GetProperty("agent").GetProperty("name").GetString()!;
        await AlertsAppFixture.CreateBudgetAsync(user.Client, new { name = "Daily cap", agentId = agent, period = "day", amount = 10m, thresholds = new[] { 100 } });
        fixture.AddCalls(assistant, 12m, DateTime.UtcNow.AddSeconds(-30));

        var started = DateTime.UtcNow;
        await SyncApi.SyncAsync(user.Client, agent);
        var answered = DateTime.UtcNow;
        var received = (await hook.WaitForAsync(1, Within)).Single();
        // Negative: the receiver had the event before the sync's answer reached the client (alerts are raised, and
        // their deliveries queued, inside the run, before it answers).
        output.WriteLine(
            $"notification latency ({App.Provider}): sync answered (wait:true) → webhook received: {(received.At - answered).TotalMilliseconds:0} ms; " +
            $"sync requested → webhook received: {(received.At - started).TotalMilliseconds:0} ms");

        NotificationApi.SignatureIsValid(received, secret!).Should().BeTrue("the signature follows the Standard Webhooks spec");
        var verifier = new StandardWebhook(secret!);
        var verify = () => verifier.Verify(received.Body, received.RawHeaders);
        verify.Should().NotThrow("the StandardWebhooks package's own verifier accepts it");
        received.Headers.Keys.Should().NotContain(["traceparent", "tracestate", "request-id"], "receivers get no trace context");
        long.Parse(received.Headers["webhook-timestamp"]).Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 60);
        var body = JsonDocument.Parse(received.Body).RootElement;
        body.GetProperty("type").GetString().Should().Be("budget.threshold");
        body.GetProperty("timestamp").GetString().Should().NotBeNullOrEmpty();
        var alert = body.GetProperty("data").GetProperty("alert");
        var listed = (await AlertsAppFixture.AlertsAsync(user.Client)).Single();
        JsonSerializer.Serialize(alert).Should().Be(JsonSerializer.Serialize(listed), "the alert is sent exactly as the alerts API shows it");

        var slackBody = JsonDocument.Parse((await slack.WaitForAsync(1, Within)).Single().Body).RootElement;
        slackBody.EnumerateObject().Select(p => p.Name).Should().Equal("text");
        slackBody.GetProperty("text").GetString().Should().Contain(agentName).And.Contain("Daily cap");

        var mail = await fixture.Inbox.WaitForAsync(m => m.To.ToString().Contains(address), Within);
        mail.Subject.Should().Contain(agentName).And.Contain("budget.threshold");
        mail.TextBody.Should().Contain("Daily cap");
        mail.HtmlBody.Should().Contain("Daily cap");

        var deliveries = await NotificationApi.DeliveriesWhenAsync(user.Client, hookChannel, d => d.Any(x => x.GetProperty("status").GetString() == "delivered"), Within);
        var delivered = deliveries.Single();
        delivered.GetProperty("eventId").GetString().Should().Be(received.Headers["webhook-id"]);
        delivered.GetProperty("kind").GetString().Should().Be("budget.threshold");
        delivered.GetProperty("attempts").GetInt32().Should().Be(1);
        delivered.GetProperty("lastStatusCode").GetInt32().Should().Be(200);
    }

    [SkippableFact]
    public async Task AReceiverAnswering500ThreeTimes_GetsTheEventOnTheFourthAttempt_WithTheSameWebhookId()
    {
        var user = await App.RegisterAndLoginAsync();
        await using var hook = await HookReceiver.StartAsync();
        SecretLedger.Register(hook.Url);
        hook.Answer(500, 500, 500);
        var (channel, _, secret) = await NotificationApi.CreateAsync(user.Client, new { name = "Flaky", type = "webhook", url = hook.Url });

        var delivery = await NotificationApi.SendTestAsync(user.Client, channel);

        var requests = await hook.WaitForAsync(4, Within);
        requests.Select(r => r.Headers["webhook-id"]).Distinct().Should().ContainSingle("a retry repeats the webhook-id");
        requests.Should().OnlyContain(r => NotificationApi.SignatureIsValid(r, secret!));
        JsonDocument.Parse(requests[0].Body).RootElement.GetProperty("type").GetString().Should().Be("test");
        var done = (await NotificationApi.DeliveriesWhenAsync(user.Client, channel, d => d.Single().GetProperty("status").GetString() == "delivered", Within)).Single();
        done.GetProperty("id").GetGuid().Should().Be(delivery);
        done.GetProperty("attempts").GetInt32().Should().Be(4);
        done.GetProperty("lastStatusCode").GetInt32().Should().Be(200);
        done.GetProperty("eventId").GetString().Should().Be(requests[0].Headers["webhook-id"]);
        (await NotificationApi.ChannelAsync(user.Client, channel)).GetProperty("enabled").GetBoolean().Should().BeTrue();
    }

    [SkippableFact]
    public async Task A410Gone_FailsTheDelivery_AndDisablesTheChannelAtOnce()
    {
        var user = await App.RegisterAndLoginAsync();
        await using var hook = await HookReceiver.StartAsync();
        SecretLedger.Register(hook.Url);
        hook.DefaultStatus = 410;
        var (channel, _, _) = await NotificationApi.CreateAsync(user.Client, new { name = "Gone", type = "slack", url = hook.Url });

        await NotificationApi.SendTestAsync(user.Client, channel);

        var failed = (await NotificationApi.DeliveriesWhenAsync(user.Client, channel, d => d.Single().GetProperty("status").GetString() == "failed", Within)).Single();
        failed.GetProperty("attempts").GetInt32().Should().Be(1);
        failed.GetProperty("lastStatusCode").GetInt32().Should().Be(410);
        var disabled = await NotificationApi.ChannelAsync(user.Client, channel);
        disabled.GetProperty("enabled").GetBoolean().Should().BeFalse();
        disabled.GetProperty("disabledReason").GetString().Should().Contain("410");
        hook.Requests.Should().ContainSingle();
    }

    [SkippableFact]
    public async Task TenFailuresInARow_DisableTheChannel_AndRaiseOneChannelFailingAlert_SentToTheOtherChannelsOnly()
    {
        var user = await App.RegisterAndLoginAsync();
        await using var dead = await HookReceiver.StartAsync();
        await using var other = await HookReceiver.StartAsync();
        SecretLedger.Register(dead.Url);
        SecretLedger.Register(other.Url);
        dead.DefaultStatus = 503;
        var (deadChannel, _, _) = await NotificationApi.CreateAsync(user.Client, new { name = "Dead", type = "webhook", url = dead.Url });
        await NotificationApi.CreateAsync(user.Client, new { name = "Other", type = "webhook", url = other.Url, kinds = new[] { "channel.failing" } });

        // Two test events of eight attempts each, one after the other: the tenth failed attempt in a row (the second
        // event's second) ends the streak.
        await NotificationApi.SendTestAsync(user.Client, deadChannel);
        (await NotificationApi.DeliveriesWhenAsync(user.Client, deadChannel, d => d.Single().GetProperty("status").GetString() == "failed", TimeSpan.FromSeconds(60)))
            .Single().GetProperty("attempts").GetInt32().Should().Be(8, "MaxAttempts");
        (await NotificationApi.ChannelAsync(user.Client, deadChannel)).GetProperty("enabled").GetBoolean().Should().BeTrue("8 failures in a row are not yet a failing streak");
        var second = await NotificationApi.SendTestAsync(user.Client, deadChannel);

        var alerts = await AlertsAppFixture.AlertsWhenAsync(user.Client, a => a.Count > 0, TimeSpan.FromSeconds(60));
        var failing = alerts.Should().ContainSingle().Subject;
        failing.GetProperty("kind").GetString().Should().Be("channel.failing");
        failing.GetProperty("channelId").GetGuid().Should().Be(deadChannel);
        var channel = await NotificationApi.ChannelAsync(user.Client, deadChannel);
        channel.GetProperty("enabled").GetBoolean().Should().BeFalse();
        channel.GetProperty("disabledReason").GetString().Should().Contain("10");

        var sent = (await other.WaitForAsync(1, Within)).Single();
        var body = JsonDocument.Parse(sent.Body).RootElement;
        body.GetProperty("type").GetString().Should().Be("channel.failing");
        body.GetProperty("data").GetProperty("alert").GetProperty("channelId").GetGuid().Should().Be(deadChannel);
        await Task.Delay(TimeSpan.FromSeconds(2));
        dead.Requests.Count.Should().Be(10, "attempts stop when the channel is disabled (without that, 16)");
        var abandoned = (await NotificationApi.DeliveriesAsync(user.Client, deadChannel)).Single(d => d.GetProperty("id").GetGuid() == second);
        abandoned.GetProperty("status").GetString().Should().Be("failed");
        abandoned.GetProperty("attempts").GetInt32().Should().Be(2);
        dead.Requests.Should().NotContain(r => r.Body.Contains("channel.failing"), "the alert is not sent to the dead channel");
        (await AlertsAppFixture.AlertsAsync(user.Client)).Should().ContainSingle("one alert per streak");
    }

    [SkippableFact]
    public async Task APendingDelivery_SurvivesARestart_AndIsDeliveredWithTheSameWebhookId()
    {
        var user = await App.RegisterAndLoginAsync();
        await using var hook = await HookReceiver.StartAsync();
        SecretLedger.Register(hook.Url);
        hook.DefaultStatus = 500;
        var (channel, _, secret) = await NotificationApi.CreateAsync(user.Client, new { name = "Restarted", type = "webhook", url = hook.Url });
        await NotificationApi.SendTestAsync(user.Client, channel);
        await hook.WaitForAsync(1, Within);

        // The receiver recovers only while no host runs: the new host must find the pending row by itself.
        await App.RestartAsync(() =>
        {
            hook.DefaultStatus = 200;
            return Task.CompletedTask;
        });
        user = await App.LoginAsync(user.Email);

        var done = (await NotificationApi.DeliveriesWhenAsync(user.Client, channel, d => d.Single().GetProperty("status").GetString() == "delivered", Within)).Single();
        var requests = hook.Requests.ToList();
        requests.Select(r => r.Headers["webhook-id"]).Distinct().Should().Equal(done.GetProperty("eventId").GetString());
        requests.Should().OnlyContain(r => NotificationApi.SignatureIsValid(r, secret!));
        done.GetProperty("attempts").GetInt32().Should().Be(requests.Count);
    }
}

public sealed class SqliteNotificationDeliveryTests(SqliteNotificationsAppFixture fixture, ITestOutputHelper output)
    : NotificationDeliveryTests(fixture, output), IClassFixture<SqliteNotificationsAppFixture>;

public sealed class PostgreSqlNotificationDeliveryTests(PostgreSqlNotificationsAppFixture fixture, ITestOutputHelper output)
    : NotificationDeliveryTests(fixture, output), IClassFixture<PostgreSqlNotificationsAppFixture>;
