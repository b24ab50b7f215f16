using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VapiAgents.Infrastructure.Notifications;
using VapiAgents.WebApi.FunctionalTests.Alerts;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Notifications;

/// <summary>
/// The alerts app with notifications delivered to receivers on loopback (private networks allowed, quick retries), a
/// real SMTP server, and a name resolver the test controls.
/// </summary>
public abstract class NotificationsAppFixture(Provider provider) : AlertsAppFixture(provider), IAsyncLifetime
{
    private SmtpInbox? _inbox;

    public TestHostResolver Resolver { get; } = new();

    public SmtpInbox Inbox => _inbox ??= SmtpInbox.Start();

    protected virtual bool AllowPrivateNetworks => true;

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Notifications:AllowPrivateNetworks"] = AllowPrivateNetworks ? "true" : "false",
        ["Notifications:RetryBaseSeconds"] = "0.05",
        ["Notifications:SweepSeconds"] = "0.5",
        ["Hangfire:QueuePollSeconds"] = "0.2",
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = Inbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Smtp:Security"] = "None",
        ["Notifications:Smtp:From"] = "VapiAgents <alerts@vapiagents.test>",
    };

    protected override Action<IServiceCollection>? Services() => services =>
    {
        services.RemoveAll<IHostAddressResolver>();
        services.AddSingleton<IHostAddressResolver>(Resolver);
    };

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_inbox is not null)
        {
            await _inbox.DisposeAsync();
        }
    }
}

public sealed class SqliteNotificationsAppFixture() : NotificationsAppFixture(Provider.Sqlite);

public sealed class PostgreSqlNotificationsAppFixture() : NotificationsAppFixture(Provider.PostgreSql);

/// <summary>The same app with the SSRF guard on, as in production.</summary>
public abstract class GuardedNotificationsAppFixture(Provider provider) : NotificationsAppFixture(provider)
{
    protected override bool AllowPrivateNetworks => false;
}

public sealed class SqliteGuardedNotificationsAppFixture() : GuardedNotificationsAppFixture(Provider.Sqlite);

public sealed class PostgreSqlGuardedNotificationsAppFixture() : GuardedNotificationsAppFixture(Provider.PostgreSql);
