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

    /// <summary>Reads and checks <c>Encryption:*</c> (<see cref="OptionsRules.Encryption"/>); every problem stops start-up with one clear sentence (never the key).</summary>
    public static EncryptionKeyRing FromConfiguration(IConfiguration configuration)
    {
        var options = configuration.Read<EncryptionOptions>(EncryptionOptions.Section, OptionsRules.Encryption);
        // The rules have checked every key decodes to KeySizeBytes and that the active id names one (or there is one).
        var keys = options.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal);
        return new EncryptionKeyRing(string.IsNullOrWhiteSpace(options.ActiveKeyId) ? keys.Keys.Single() : options.ActiveKeyId, keys);
    }
}
