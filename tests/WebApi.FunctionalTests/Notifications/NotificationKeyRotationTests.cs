using VapiAgents.TestSupport;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Notifications;

/// <summary>Rotating the encryption keys re-seals channels' URLs and signing secrets: after the old key is gone, events still go out, signed as before.</summary>
public sealed class NotificationKeyRotationTests
{
    [SkippableTheory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task Rotation_ResealsChannelUrlsAndSecrets_SoDeliveriesWorkWithoutTheOldKey(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Notifications:AllowPrivateNetworks"] = "true",
            ["Notifications:RetryBaseSeconds"] = "0.05",
        });
        await using var hook = await HookReceiver.StartAsync();
        SecretLedger.Register(hook.Url);
        var user = await app.RegisterAndLoginAsync();
        var (channel, _, secret) = await NotificationApi.CreateAsync(user.Client, new { name = "Rotated", type = "webhook", url = hook.Url });

        app.Settings["Encryption:ActiveKeyId"] = TestSettings.KeyIdB;
        await app.RestartAsync();
        const string adminEmail = "notify-ops@example.test";
        await app.RegisterAndLoginAsync(adminEmail);
        var admin = await OperatorCommand.GrantAdminAsync(app, adminEmail);
        (await (await admin.Client.PostAsync("/api/admin/encryption/rotate", null)).JsonAsync())
            .GetProperty("resealed").GetInt32().Should().BeGreaterThanOrEqualTo(2, "the channel's URL and signing secret");

        app.Settings.Remove($"Encryption:Keys:{TestSettings.KeyIdA}");
        await app.RestartAsync();
        user = await app.LoginAsync(user.Email);
        await NotificationApi.SendTestAsync(user.Client, channel);

        var received = (await hook.WaitForAsync(1, TimeSpan.FromSeconds(30))).Single();
        NotificationApi.SignatureIsValid(received, secret!).Should().BeTrue("the re-sealed secret is the same secret");
    }
}
