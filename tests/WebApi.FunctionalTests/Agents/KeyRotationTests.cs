using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Common.Security;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.TestSupport;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Agents;

public sealed class KeyRotationTests
{
    private const string AdminEmail = "ops@example.test";

    [SkippableTheory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task Rotation_ResealsEveryKeyWithTheActiveKey_IsIdempotent_AndTheOldKeyCanThenGo(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.RegisterAndLoginAsync();
        var keys = Enumerable.Range(0, 3).Select(i => AgentApi.NewKey($"rot{i}")).ToList();
        var agents = new List<Guid>();
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            agents.Add((await AgentApi.CreateAsync(user.Client, $"Agent {i}", key)).Id());
        }

        (await user.Client.DeleteAsync($"/api/vapi/agents/{agents[2]}")).EnsureSuccessStatusCode();
        (await StoredKeyIdsAsync(app)).Should().Equal(TestSettings.KeyIdA, TestSettings.KeyIdA);

        app.Settings["Encryption:ActiveKeyId"] = TestSettings.KeyIdB;
        await app.RestartAsync();
        await app.RegisterAndLoginAsync(AdminEmail);
        var admin = await OperatorCommand.GrantAdminAsync(app, AdminEmail);
        var first = await (await admin.Client.PostAsync("/api/admin/encryption/rotate", null)).JsonAsync();
        var again = await (await admin.Client.PostAsync("/api/admin/encryption/rotate", null)).JsonAsync();

        first.GetProperty("resealed").GetInt32().Should().BeGreaterThanOrEqualTo(3, "two agent keys (the deleted agent's was destroyed) and the token key ring");
        first.GetProperty("activeKeyId").GetString().Should().Be(TestSettings.KeyIdB);
        again.GetProperty("resealed").GetInt32().Should().Be(0);
        (await StoredKeyIdsAsync(app)).Should().Equal(TestSettings.KeyIdB, TestSettings.KeyIdB);

        // Key A is no longer needed: with only B configured every key still opens and equals the original,
        // and the tokens issued before the rotation still work.
        app.Settings.Remove($"Encryption:Keys:{TestSettings.KeyIdA}");
        await app.RestartAsync();
        (await UnsealAllAsync(app)).Should().Equal(keys[0], keys[1]);
        using var oldToken = app.CreateClient();
        oldToken.DefaultRequestHeaders.Authorization = user.Client.DefaultRequestHeaders.Authorization;
        (await oldToken.GetAsync("/api/vapi/agents")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [SkippableTheory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task ASecretNoKeyCanOpen_IsSkippedCountedAndReported_AndEveryOtherIsResealed(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.RegisterAndLoginAsync();
        var agents = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            agents.Add((await AgentApi.CreateAsync(user.Client, $"Agent {i}", AgentApi.NewKey($"skip{i}"))).Id());
        }

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var broken = await db.Agents.SingleAsync(a => a.Id == agents[1]);
            var ciphertext = broken.ApiKey!.Ciphertext.ToArray();
            ciphertext[^1] ^= 0xFF; // a flipped bit in the tag: no key opens it any more
            broken.ResealApiKey(new Domain.Agents.SealedSecret(broken.ApiKey.KeyId, ciphertext));
            await db.SaveChangesAsync();
        }

        app.Settings["Encryption:ActiveKeyId"] = TestSettings.KeyIdB;
        await app.RestartAsync();
        await app.RegisterAndLoginAsync(AdminEmail);
        var admin = await OperatorCommand.GrantAdminAsync(app, AdminEmail);
        var first = await admin.Client.PostAsync("/api/admin/encryption/rotate", null);
        var again = await admin.Client.PostAsync("/api/admin/encryption/rotate", null);

        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var answer = await first.JsonAsync();
        answer.GetProperty("resealed").GetInt32().Should().BeGreaterThanOrEqualTo(2, "the two good agent keys (and the token key ring)");
        answer.GetProperty("skipped").GetInt32().Should().Be(1);
        answer.GetProperty("skippedAgentIds").EnumerateArray().Select(e => e.GetGuid()).Should().Equal(agents[1]);
        var second = await again.JsonAsync();
        (second.GetProperty("resealed").GetInt32(), second.GetProperty("skipped").GetInt32()).Should().Be((0, 1), "the next run ends too, and reports it again");
        (await StoredKeyIdsAsync(app)).Should().Equal(TestSettings.KeyIdB, TestSettings.KeyIdA, TestSettings.KeyIdB);
    }

    [SkippableFact]
    public async Task RotateKeysCommandLine_ResealsWithTheConfiguredActiveKey()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var user = await app.RegisterAndLoginAsync();
        await AgentApi.CreateAsync(user.Client, "CLI one", AgentApi.NewKey());
        await AgentApi.CreateAsync(user.Client, "CLI two", AgentApi.NewKey());

        var settings = new Dictionary<string, string?>(app.Settings) { ["Encryption:ActiveKeyId"] = TestSettings.KeyIdB };
        await using var cli = WebApiProcess.Start(settings, "Development", ["rotate-keys"]);

        (await cli.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(0, string.Join('\n', cli.Output));
        cli.Output.Should().Contain(line => line.StartsWith("Re-sealed") && line.EndsWith("secret(s) with encryption key 'testB'."));
        (await StoredKeyIdsAsync(app)).Should().Equal(TestSettings.KeyIdB, TestSettings.KeyIdB);
    }

    [SkippableTheory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task ATokenKeyNoKeyCanOpen_IsSkippedAndReported_TheRestOfTheRingIsResealed_AndSignInStillWorks(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.RegisterAndLoginAsync();
        var brokenKeyId = Guid.NewGuid();
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            // A second, expired key in the ring whose sealed element no longer opens (a flipped bit in its tag).
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var key = XElement.Parse((await db.DataProtectionKeys.AsNoTracking().FirstAsync()).Xml!);
            key.SetAttributeValue("id", brokenKeyId);
            foreach (var (name, daysAgo) in new[] { ("creationDate", -30), ("activationDate", -30), ("expirationDate", -2) })
            {
                key.Element(name)!.Value = DateTimeOffset.UtcNow.AddDays(daysAgo).ToString("O");
            }

            var sealedKey = key.Descendants("sealedKey").Single();
            var ciphertext = Convert.FromBase64String(sealedKey.Value);
            ciphertext[^1] ^= 0xFF;
            sealedKey.Value = Convert.ToBase64String(ciphertext);
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = $"key-{brokenKeyId}", Xml = key.ToString(SaveOptions.DisableFormatting) });
            await db.SaveChangesAsync();
        }

        app.Settings["Encryption:ActiveKeyId"] = TestSettings.KeyIdB;
        await app.RestartAsync();
        await app.RegisterAndLoginAsync(AdminEmail);
        var admin = await OperatorCommand.GrantAdminAsync(app, AdminEmail);
        var rotated = await admin.Client.PostAsync("/api/admin/encryption/rotate", null);

        rotated.StatusCode.Should().Be(HttpStatusCode.OK, await rotated.Content.ReadAsStringAsync());
        var answer = await rotated.JsonAsync();
        answer.GetProperty("skippedTokenKeyIds").EnumerateArray().Select(e => e.GetGuid()).Should().Equal(brokenKeyId);
        answer.GetProperty("skipped").GetInt32().Should().Be(1);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var sealedWith = (await db.DataProtectionKeys.AsNoTracking().ToListAsync())
                .Select(row => XElement.Parse(row.Xml!))
                .ToDictionary(k => (Guid)k.Attribute("id")!, k => (string)k.Descendants("sealedKey").Single().Attribute("keyId")!);
            sealedWith.Where(k => k.Key != brokenKeyId).Select(k => k.Value).Should().OnlyContain(id => id == TestSettings.KeyIdB);
            sealedWith[brokenKeyId].Should().Be(TestSettings.KeyIdA, "a key no key opens is left as it was");
        }

        (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }))
            .StatusCode.Should().Be(HttpStatusCode.OK, "sign-in uses the ring's good keys");
    }

    private static async Task<List<string>> StoredKeyIdsAsync(TestApp app)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.Agents.Where(a => a.ApiKey != null).OrderBy(a => a.CreatedAt).Select(a => a.ApiKey!.KeyId).ToListAsync();
    }

    private static async Task<List<string>> UnsealAllAsync(TestApp app)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var agents = await db.Agents.Where(a => a.ApiKey != null).OrderBy(a => a.CreatedAt).ToListAsync();
        return agents.Select(a => protector.Unseal(a.ApiKey!, SecretPurpose.VapiApiKey, a.Id).Reveal()).ToList();
    }
}
