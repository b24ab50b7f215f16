using System.Text;
using Microsoft.Extensions.Configuration;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.Agents;
using VapiAgents.Infrastructure.Common;
using VapiAgents.Infrastructure.Security;

namespace VapiAgents.Infrastructure.IntegrationTests.Security;

public sealed class AesGcmSecretProtectorTests
{
    private static readonly byte[] KeyA = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] KeyB = Enumerable.Range(50, 32).Select(i => (byte)i).ToArray();
    private static readonly SecretValue Secret = new("vapi-private-key-0123456789");

    private static AesGcmSecretProtector Protector(string active) =>
        new(new EncryptionKeyRing(active, new Dictionary<string, byte[]> { ["a"] = KeyA, ["b"] = KeyB }));

    [Fact]
    public void Seal_ThenUnseal_RoundTrips_AndTheCiphertextHoldsNoPlaintext()
    {
        var owner = Guid.NewGuid();
        var sealedSecret = Protector("a").Seal(Secret, SecretPurpose.VapiApiKey, owner);

        sealedSecret.KeyId.Should().Be("a");
        Encoding.UTF8.GetString(sealedSecret.Ciphertext).Should().NotContain("vapi-private-key");
        Protector("a").Unseal(sealedSecret, SecretPurpose.VapiApiKey, owner).Reveal().Should().Be(Secret.Reveal());
    }

    [Fact]
    public void EverySeal_UsesAFreshNonce()
    {
        var owner = Guid.NewGuid();
        var first = Protector("a").Seal(Secret, SecretPurpose.VapiApiKey, owner);
        var second = Protector("a").Seal(Secret, SecretPurpose.VapiApiKey, owner);

        first.Ciphertext.AsSpan(1, 12).ToArray().Should().NotEqual(second.Ciphertext.AsSpan(1, 12).ToArray());
        first.Ciphertext.Should().NotEqual(second.Ciphertext);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(-1)]
    public void FlippingAnyByte_FailsToUnseal(int position)
    {
        var owner = Guid.NewGuid();
        var sealedSecret = Protector("a").Seal(Secret, SecretPurpose.VapiApiKey, owner);
        var tampered = sealedSecret.Ciphertext.ToArray();
        tampered[position < 0 ? tampered.Length - 1 : position] ^= 0x01;

        var unseal = () => Protector("a").Unseal(sealedSecret with { Ciphertext = tampered }, SecretPurpose.VapiApiKey, owner);

        unseal.Should().Throw<SecretUnsealException>().Which.Message.Should().NotContain(Secret.Reveal());
    }

    [Fact]
    public void ACiphertextCopiedOntoAnotherRow_FailsToUnseal()
    {
        var sealedSecret = Protector("a").Seal(Secret, SecretPurpose.VapiApiKey, Guid.NewGuid());

        var unseal = () => Protector("a").Unseal(sealedSecret, SecretPurpose.VapiApiKey, Guid.NewGuid());

        unseal.Should().Throw<SecretUnsealException>();
    }

    [Fact]
    public void AnApiKey_CannotBeOpenedAsAWebhookSecret()
    {
        var owner = Guid.NewGuid();
        var sealedSecret = Protector("a").Seal(Secret, SecretPurpose.VapiApiKey, owner);

        var unseal = () => Protector("a").Unseal(sealedSecret, SecretPurpose.WebhookSecret, owner);

        unseal.Should().Throw<SecretUnsealException>();
    }

    [Fact]
    public void OldKeyIds_KeepDecrypting_AfterTheActiveKeyChanges()
    {
        var owner = Guid.NewGuid();
        var sealedWithA = Protector("a").Seal(Secret, SecretPurpose.VapiApiKey, owner);

        var protectorB = Protector("b");

        protectorB.Unseal(sealedWithA, SecretPurpose.VapiApiKey, owner).Reveal().Should().Be(Secret.Reveal());
        protectorB.Seal(Secret, SecretPurpose.VapiApiKey, owner).KeyId.Should().Be("b");
    }

    [Fact]
    public void AnUnknownKeyId_FailsWithAMessageNamingIt()
    {
        var sealedSecret = new SealedSecret("retired", Protector("a").Seal(Secret, SecretPurpose.VapiApiKey, Guid.Empty).Ciphertext);

        var unseal = () => Protector("a").Unseal(sealedSecret, SecretPurpose.VapiApiKey, Guid.Empty);

        unseal.Should().Throw<SecretUnsealException>().WithMessage("*'retired'*");
    }

    [Fact]
    public void SecretValue_NeverPrintsItself()
    {
        Secret.ToString().Should().Be("[redacted]");
        $"{Secret}".Should().NotContain("vapi");
        System.Text.Json.JsonSerializer.Serialize(new { key = Secret }).Should().Be("{\"key\":\"[redacted]\"}");
        Secret.Hint.Should().Be("…6789");
    }

    public static TheoryData<Dictionary<string, string?>, string> BadConfigurations => new()
    {
        { new Dictionary<string, string?>(), "No encryption key is configured" },
        { new Dictionary<string, string?> { ["Encryption:Keys:a"] = "not base64!" }, "not valid base64" },
        { new Dictionary<string, string?> { ["Encryption:Keys:a"] = Convert.ToBase64String(new byte[16]) }, "must be 32 bytes" },
        { new Dictionary<string, string?> { ["Encryption:Keys:a"] = Convert.ToBase64String(KeyA), ["Encryption:ActiveKeyId"] = "zzz" }, "names no key" },
        { new Dictionary<string, string?> { ["Encryption:Keys:a"] = Convert.ToBase64String(KeyA), ["Encryption:Keys:b"] = Convert.ToBase64String(KeyB) }, "must name one" },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public void BadKeyConfiguration_StopsStartUpWithAClearMessage(Dictionary<string, string?> settings, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var read = () => EncryptionKeyRing.FromConfiguration(configuration);

        read.Should().Throw<StartupConfigurationException>().Which.Message.Should().Contain(expected);
    }
}
