namespace VapiAgents.Infrastructure.Security;

/// <summary>
/// Configuration section <c>Encryption</c>: <c>Keys:&lt;id&gt;</c> are base64 32-byte AES keys,
/// <c>ActiveKeyId</c> names the one new secrets are sealed with. Old ids keep decrypting.
/// </summary>
public sealed class EncryptionOptions
{
    public const string Section = "Encryption";

    public string? ActiveKeyId { get; set; }

    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);
}
