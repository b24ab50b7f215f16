using VapiAgents.TestSupport;
using System.Net;
using System.Net.Http.Json;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Notifications;

/// <summary>
/// Never to the wrong place: URLs pointing at loopback, private, link-local, multicast or unspecified addresses are
/// refused at creation, and a name that resolves to loopback only at send time is refused on the connection.
/// Nothing here sends a packet beyond loopback: creating a channel sends nothing, and refused addresses are never contacted.
/// </summary>
public abstract class SsrfTests(GuardedNotificationsAppFixture fixture)
{
    private TestApp App => fixture.App;

    public static readonly string[] RefusedHosts =
    [
        "127.0.0.1", "127.1.2.3", "[::1]", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1", "[fc00::1]", "[fd12:3456::1]",
        "169.254.169.254", "169.254.1.1", "[fe80::1]", "224.0.0.1", "239.255.255.250", "[ff02::1]", "0.0.0.0", "[::]",
        "[::ffff:127.0.0.1]", "[::ffff:10.0.0.1]", "[::ffff:169.254.169.254]", "100.64.0.1", "255.255.255.255",
        "private.test", "metadata.test",
    ];

    [SkippableFact]
    public async Task EveryRefusedAddressClass_IsRefusedAtCreation_WithAFieldError()
    {
        fixture.Resolver.Answer("private.test", IPAddress.Parse("192.168.10.10"));
        fixture.Resolver.Answer("metadata.test", IPAddress.Parse("93.184.216.34"), IPAddress.Parse("169.254.169.254"));
        var user = await App.RegisterAndLoginAsync();
        foreach (var host in RefusedHosts)
        {
            foreach (var type in new[] { "webhook", "slack" })
            {
                var response = await user.Client.PostAsJsonAsync(NotificationApi.Route, new { name = "Inside", type, url = $"http://{host}:8080/hook" });
                var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
                problem.ErrorFields().Should().Equal(["url"], host);
            }
        }

        foreach (var url in new[] { "file:///etc/passwd", "gopher://example.test/", "ftp://93.184.216.34/" })
        {
            (await (await user.Client.PostAsJsonAsync(NotificationApi.Route, new { name = "Odd", type = "webhook", url })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
                .ErrorFields().Should().Equal("url");
        }

        (await (await user.Client.PostAsJsonAsync(NotificationApi.Route, new { name = "Unknown", type = "webhook", url = "http://nowhere.test/hook" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().Should().Equal("url");
        (await user.Client.GetFromJsonAsync<System.Text.Json.JsonElement>(NotificationApi.Route)).GetProperty("channels").GetArrayLength().Should().Be(0);
    }

    [SkippableFact]
    public async Task AHostnameThatResolvesToLoopbackAtSendTime_IsRefusedOnTheConnection_AndNeverContacted()
    {
        await using var hook = await HookReceiver.StartAsync();
        var port = new Uri(hook.BaseUrl).Port;
        var name = $"rebind-{Guid.NewGuid():N}.test";
        var url = SecretLedger.Register($"http://{name}:{port}/hooks/T{Guid.NewGuid():N}");
        var user = await App.RegisterAndLoginAsync();

        // Public when the channel is created (nothing is sent then) …
        fixture.Resolver.Answer(name, IPAddress.Parse("93.184.216.34"));
        var (channel, _, _) = await NotificationApi.CreateAsync(user.Client, new { name = "Rebinding", type = "webhook", url });

        // … loopback when the event is sent: the connection checks the address it actually connects to.
        fixture.Resolver.Answer(name, IPAddress.Loopback);
        await NotificationApi.SendTestAsync(user.Client, channel);

        var failed = (await NotificationApi.DeliveriesWhenAsync(user.Client, channel, d => d.Single().GetProperty("status").GetString() == "failed", TimeSpan.FromSeconds(30))).Single();
        failed.GetProperty("lastError").GetString().Should().Contain("Refused").And.Contain("loopback").And.Contain("not contacted");
        failed.GetProperty("attempts").GetInt32().Should().Be(1, "a refused address is not retried");
        failed.GetProperty("lastStatusCode").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        hook.Requests.Should().BeEmpty("the receiver on loopback was never contacted");
    }
}

public sealed class SqliteSsrfTests(SqliteGuardedNotificationsAppFixture fixture) : SsrfTests(fixture), IClassFixture<SqliteGuardedNotificationsAppFixture>;

public sealed class PostgreSqlSsrfTests(PostgreSqlGuardedNotificationsAppFixture fixture) : SsrfTests(fixture), IClassFixture<PostgreSqlGuardedNotificationsAppFixture>;
