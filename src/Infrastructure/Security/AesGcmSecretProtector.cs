using System.Security.Cryptography;
using System.Text;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.Agents;

namespace VapiAgents.Infrastructure.Security;

/// <summary>
/// AES-256-GCM with a fresh 96-bit nonce per seal. The purpose and owner id are bound in as associated
/// data, so a ciphertext copied onto another agent (or used as another kind of secret) fails to open.
/// Layout: version (1) | nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class AesGcmSecretProtector(EncryptionKeyRing keys) : ISecretProtector
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    public string ActiveKeyId => keys.ActiveKeyId;

    public SealedSecret Seal(SecretValue secret, SecretPurpose purpose, Guid ownerId)
    {
        var plaintext = Encoding.UTF8.GetBytes(secret.Reveal());
        var output = new byte[HeaderSize + plaintext.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);

        using (var aes = new AesGcm(keys.ActiveKey, TagSize))
        {
            aes.Encrypt(nonce, plaintext, output.AsSpan(HeaderSize), output.AsSpan(1 + NonceSize, TagSize), AssociatedData(purpose, ownerId));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        return new SealedSecret(keys.ActiveKeyId, output);
    }

    public SecretValue Unseal(SealedSecret sealedSecret, SecretPurpose purpose, Guid ownerId)
    {
        if (!keys.TryGetKey(sealedSecret.KeyId, out var key))
        {
            throw new SecretUnsealException(
                $"The {purpose} of {ownerId} is sealed with encryption key '{sealedSecret.KeyId}', which is not configured.");
        }

        var data = sealedSecret.Ciphertext;
        if (data.Length < HeaderSize || data[0] != FormatVersion)
        {
            throw new SecretUnsealException($"The stored {purpose} of {ownerId} is not in a known format.");
        }

        var plaintext = new byte[data.Length - HeaderSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(data.AsSpan(1, NonceSize), data.AsSpan(HeaderSize), data.AsSpan(1 + NonceSize, TagSize), plaintext, AssociatedData(purpose, ownerId));
            return new SecretValue(Encoding.UTF8.GetString(plaintext));
        }
        catch (CryptographicException)
        {
            throw new SecretUnsealException(
                $"The stored {purpose} of {ownerId} failed authentication: it was altered or belongs to another row.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] AssociatedData(SecretPurpose purpose, Guid ownerId) =>
        Encoding.UTF8.GetBytes($"vapiagents/{purpose}/{ownerId:N}");
}
