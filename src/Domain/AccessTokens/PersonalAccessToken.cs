using VapiAgents.Domain.Common;

namespace VapiAgents.Domain.AccessTokens;

/// <summary>
/// A user's long-lived credential for scripts and integrations. Only a SHA-256 hash of its secret is kept:
/// the secret is random and high-entropy, so a hash cannot be reversed or guessed, and a stolen table
/// authenticates nothing.
/// </summary>
public sealed class PersonalAccessToken : IAggregateRoot
{
    public const int NameMaxLength = 100;
    public const int PrefixLength = 11;
    public const int HashLength = 32;
    public const int MaxLifetimeDays = 365;

    /// <summary>Writing <see cref="LastUsedAt"/> on every request would turn each read into a write.</summary>
    public static readonly TimeSpan UseRecordInterval = TimeSpan.FromMinutes(1);

    private PersonalAccessToken()
    {
        UserId = "";
        Name = "";
        Prefix = "";
        SecretHash = [];
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; }
    public string Name { get; private set; }
    public AccessTokenScope Scope { get; private set; }

    /// <summary>The secret's first characters, so its owner can tell tokens apart; too short to use.</summary>
    public string Prefix { get; private set; }

    public byte[] SecretHash { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    public static PersonalAccessToken Create(string userId, string name, AccessTokenScope scope, string prefix, byte[] secretHash, DateTime now, int lifetimeDays)
    {
        if (lifetimeDays is < 1 or > MaxLifetimeDays)
        {
            throw new DomainRuleException($"A token lives 1 to {MaxLifetimeDays} days.");
        }

        if (secretHash.Length != HashLength)
        {
            throw new DomainRuleException("A token's secret hash is a SHA-256 hash.");
        }

        return new PersonalAccessToken
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Name = name.Trim(),
            Scope = scope,
            Prefix = prefix,
            SecretHash = secretHash,
            CreatedAt = now,
            ExpiresAt = now.AddDays(lifetimeDays),
        };
    }

    public bool IsUsableAt(DateTime now) => RevokedAt is null && now < ExpiresAt;

    /// <summary>Revoking twice keeps the first instant.</summary>
    public void Revoke(DateTime now) => RevokedAt ??= now;

    /// <summary>Moves <see cref="LastUsedAt"/> on at most once per <see cref="UseRecordInterval"/>.</summary>
    public AccessTokenUse RecordUse(DateTime now)
    {
        if (LastUsedAt is null)
        {
            LastUsedAt = now;
            return AccessTokenUse.First;
        }

        if (now - LastUsedAt.Value < UseRecordInterval)
        {
            return AccessTokenUse.Unchanged;
        }

        LastUsedAt = now;
        return AccessTokenUse.Recorded;
    }
}
