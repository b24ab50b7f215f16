using VapiAgents.Domain.Agents;

namespace VapiAgents.Application.Common.Security;

/// <summary>What a secret is for; part of the associated data, so a sealed API key cannot be opened as a webhook secret.</summary>
public enum SecretPurpose
{
    VapiApiKey,
    WebhookSecret,

    /// <summary>The Data Protection keys that protect bearer tokens (their owner id is <see cref="Guid.Empty"/>).</summary>
    TokenSigningKey,

    /// <summary>A notification channel's webhook or Slack URL (owner: the channel).</summary>
    NotificationUrl,

    /// <summary>A webhook channel's Standard Webhooks signing secret (owner: the channel).</summary>
    NotificationSigningSecret,
}

/// <summary>Seals secrets for storage and opens them again, bound to their owner (the agent's id).</summary>
public interface ISecretProtector
{
    string ActiveKeyId { get; }

    SealedSecret Seal(SecretValue secret, SecretPurpose purpose, Guid ownerId);

    /// <exception cref="SecretUnsealException">Tampered data, another owner's ciphertext, or an unknown key id.</exception>
    SecretValue Unseal(SealedSecret sealedSecret, SecretPurpose purpose, Guid ownerId);
}

/// <summary>A stored secret could not be opened. The message names the owner and key id, never the secret.</summary>
public sealed class SecretUnsealException(string message) : Exception(message);
