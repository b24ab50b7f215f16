using System.Collections.Frozen;
using Microsoft.Extensions.Configuration;
using VapiAgents.Infrastructure.Common;

namespace VapiAgents.Infrastructure.Security;

/// <summary>The validated AES-256 keys by id, and the active one. Built once at start-up.</summary>
public sealed class EncryptionKeyRing
{
    public const int KeySizeBytes = 32;
    public const int MaxKeyIdLength = 32;

    private readonly FrozenDictionary<string, byte[]> _keys;

    public EncryptionKeyRing(string activeKeyId, IReadOnlyDictionary<string, byte[]> keys)
    {
        if (!keys.ContainsKey(activeKeyId))
        {
            throw new StartupConfigurationException($"Encryption:ActiveKeyId '{activeKeyId}' names no key under Encryption:Keys.");
        }

        ActiveKeyId = activeKeyId;
        _keys = keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public string ActiveKeyId { get; }

    public byte[] ActiveKey => _keys[ActiveKeyId];

    public IEnumerable<string> KeyIds => _keys.Keys;

    public bool TryGetKey(string keyId, out byte[] key) => _keys.TryGetValue(keyId, out key!);

    /// <summary>Reads and checks <c>Encryption:*</c>; every problem stops start-up with one clear sentence (never the key).</summary>
    public static EncryptionKeyRing FromConfiguration(IConfiguration configuration)
    {
        var options = configuration.GetSection(EncryptionOptions.Section).Get<EncryptionOptions>() ?? new EncryptionOptions();
        if (options.Keys.Count == 0)
        {
            throw new StartupConfigurationException(
                "No encryption key is configured. Set Encryption__Keys__<id> to a base64 32-byte key and " +
                "Encryption__ActiveKeyId to its id (e.g. openssl rand -base64 32).");
        }

        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, value) in options.Keys)
        {
            if (id.Length > MaxKeyIdLength)
            {
                throw new StartupConfigurationException($"Encryption key id '{id[..MaxKeyIdLength]}…' is longer than {MaxKeyIdLength} characters.");
            }

            keys[id] = Decode(id, value);
        }

        var active = options.ActiveKeyId;
        if (string.IsNullOrWhiteSpace(active))
        {
            if (keys.Count != 1)
            {
                throw new StartupConfigurationException("Encryption:ActiveKeyId must name one of the configured Encryption:Keys.");
            }

            active = keys.Keys.Single();
        }

        return new EncryptionKeyRing(active, keys);
    }

    private static byte[] Decode(string id, string? value)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(value ?? "");
        }
        catch (FormatException)
        {
            throw new StartupConfigurationException($"Encryption key '{id}' is not valid base64.");
        }

        return key.Length == KeySizeBytes
            ? key
            : throw new StartupConfigurationException($"Encryption key '{id}' must be {KeySizeBytes} bytes; it is {key.Length}.");
    }
}
