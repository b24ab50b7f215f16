using VapiAgents.Domain.Common;

namespace VapiAgents.Domain.Agents;

/// <summary>
/// One Vapi voice agent of one user: its name, its own Vapi private key (sealed), an optional Vapi
/// assistant id that filters which of the organisation's calls it sees, and its sync state.
/// Every change goes through a behaviour method, which keeps <see cref="UpdatedAt"/> and the
/// concurrency <see cref="Version"/> right.
/// </summary>
public sealed class VapiAgent : IAggregateRoot
{
    public const int NameMaxLength = 100;
    public const int ApiKeyMinLength = 8;
    public const int ApiKeyMaxLength = 256;
    public const int AssistantIdMaxLength = 64;
    public const int SyncErrorMaxLength = 500;
    public const int MinConcurrencyLimit = 1;
    public const int MaxConcurrencyLimit = 10_000;

    private VapiAgent()
    {
        UserId = "";
        Name = "";
        NormalizedName = "";
        ApiKeyHint = "";
    }

    public Guid Id { get; private set; }

    public string UserId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The name trimmed and upper-cased: unique per user among non-deleted agents, whatever the database's collation.</summary>
    public string NormalizedName { get; private set; }

    /// <summary>Null once the agent is deleted: the key is destroyed, not kept.</summary>
    public SealedSecret? ApiKey { get; private set; }

    /// <summary>"…" and the key's last four characters, so users can tell their keys apart.</summary>
    public string ApiKeyHint { get; private set; }

    /// <summary>The Vapi assistant this agent's calls are filtered by (the API calls it <c>agentId</c>).</summary>
    public string? AssistantId { get; private set; }

    public bool IsActive { get; private set; }

    public DateTime? LastSyncedAt { get; private set; }

    public AgentSyncStatus? LastSyncStatus { get; private set; }

    public string? LastSyncError { get; private set; }

    public DateTime? LastVerifiedAt { get; private set; }

    /// <summary>What the last check with Vapi said of the current key and assistant id; null until checked again after a change.</summary>
    public AgentVerification? Verification { get; private set; }

    /// <summary>The client the agent's usage is billed to (by-client figures follow the current client).</summary>
    public Guid? ClientId { get; private set; }

    /// <summary>Calls updated before this instant have been read; incremental syncs continue from here (minus a margin).</summary>
    public DateTime? SyncHighWaterMark { get; private set; }

    /// <summary>Syncs in a row that Vapi refused the key for; at the limit the schedule pauses the agent.</summary>
    public int ConsecutiveKeyRejections { get; private set; }

    /// <summary>The Vapi organisation the key belongs to, once a sync or a verification has seen it.</summary>
    public string? VapiOrgId { get; private set; }

    /// <summary>
    /// The call slots of the agent's Vapi organisation (Vapi's limit is per org, 10 by default); null: not told.
    /// The user's agents of one org carry the same value (see <c>SetConcurrencyLimitCommand</c>).
    /// </summary>
    public int? ConcurrencyLimit { get; private set; }

    /// <summary>The secret Vapi proves its webhooks with (sealed like the key); null until the owner creates one.</summary>
    public SealedSecret? WebhookSecret { get; private set; }

    public DateTime? WebhookSecretCreatedAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public DateTime? DeletedAt { get; private set; }

    /// <summary>Concurrency token: changes on every update, so two writers cannot silently overwrite each other.</summary>
    public Guid Version { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    /// <summary>Scheduled syncs skip a paused agent until its key changes or a manual sync succeeds.</summary>
    public bool IsPaused => LastSyncStatus == AgentSyncStatus.Paused;

    public static VapiAgent Create(
        Guid id, string userId, string name, SealedSecret apiKey, string apiKeyHint, string? assistantId, DateTime now,
        bool isActive = true, Guid? clientId = null)
    {
        var agent = new VapiAgent
        {
            Id = id,
            UserId = userId,
            ApiKey = apiKey,
            ApiKeyHint = apiKeyHint,
            AssistantId = NormalizeAssistantId(assistantId),
            IsActive = isActive,
            ClientId = clientId,
            CreatedAt = now,
        };
        agent.SetName(name);
        agent.Touch(now);
        return agent;
    }

    public static string NormalizeName(string name) => name.Trim().ToUpperInvariant();

    public bool Rename(string name, DateTime now)
    {
        var trimmed = name.Trim();
        if (trimmed == Name)
        {
            return false;
        }

        SetName(trimmed);
        Touch(now);
        return true;
    }

    public void ReplaceApiKey(SealedSecret apiKey, string apiKeyHint, DateTime now)
    {
        EnsureNotDeleted();
        ApiKey = apiKey;
        ApiKeyHint = apiKeyHint;
        // A new key has not been verified yet, and a pause caused by the old key no longer applies.
        LastVerifiedAt = null;
        Verification = null;
        ConsecutiveKeyRejections = 0;
        if (LastSyncStatus == AgentSyncStatus.Paused)
        {
            LastSyncStatus = null;
            LastSyncError = null;
        }

        Touch(now);
    }

    /// <summary>Re-seals the same key under another encryption key (rotation): not a user-visible change.</summary>
    public void ResealApiKey(SealedSecret apiKey)
    {
        EnsureNotDeleted();
        ApiKey = apiKey;
        Version = Guid.NewGuid();
    }

    public bool SetAssistant(string? assistantId, DateTime now)
    {
        var normalized = NormalizeAssistantId(assistantId);
        if (normalized == AssistantId)
        {
            return false;
        }

        AssistantId = normalized;
        Verification = null;
        Touch(now);
        return true;
    }

    /// <summary>Assigns the agent to a client, or to none with null.</summary>
    public bool AssignClient(Guid? clientId, DateTime now)
    {
        if (clientId == ClientId)
        {
            return false;
        }

        EnsureNotDeleted();
        ClientId = clientId;
        Touch(now);
        return true;
    }

    /// <summary>Records the slots of the agent's Vapi org; null forgets them.</summary>
    public bool SetConcurrencyLimit(int? limit, DateTime now)
    {
        if (limit is < MinConcurrencyLimit or > MaxConcurrencyLimit)
        {
            throw new DomainRuleException($"A concurrency limit is {MinConcurrencyLimit} to {MaxConcurrencyLimit} calls.");
        }

        if (limit == ConcurrencyLimit)
        {
            return false;
        }

        EnsureNotDeleted();
        ConcurrencyLimit = limit;
        Touch(now);
        return true;
    }

    public bool Activate(DateTime now) => SetActive(true, now);

    public bool Deactivate(DateTime now) => SetActive(false, now);

    // Bookkeeping below does not change Version: it never conflicts with what a user edits, and EF
    // writes only the columns that changed, so a user's concurrent rename is not overwritten.

    public void RecordVerification(DateTime now, string? orgId)
    {
        LastVerifiedAt = now;
        Verification = AgentVerification.Valid;
        RecordOrg(orgId);
    }

    /// <summary>Vapi refused the key or does not know the assistant: the agent cannot be activated until it passes.</summary>
    public void RecordFailedVerification() => Verification = AgentVerification.Invalid;

    public void RecordOrg(string? orgId)
    {
        if (!string.IsNullOrEmpty(orgId) && orgId.Length <= AssistantIdMaxLength)
        {
            VapiOrgId = orgId;
        }
    }

    /// <summary>Creates or replaces the webhook secret; the previous one stops working at once.</summary>
    public void ReplaceWebhookSecret(SealedSecret secret, DateTime now)
    {
        EnsureNotDeleted();
        WebhookSecret = secret;
        WebhookSecretCreatedAt = now;
        Touch(now);
    }

    /// <summary>Re-seals the webhook secret under another encryption key (rotation).</summary>
    public void ResealWebhookSecret(SealedSecret secret)
    {
        EnsureNotDeleted();
        WebhookSecret = secret;
        Version = Guid.NewGuid();
    }

    public void RecordSyncStarted() => LastSyncStatus = AgentSyncStatus.Running;

    /// <param name="highWaterMark">Set by incremental runs only: everything updated before it has been read.</param>
    public void RecordSyncSucceeded(DateTime now, DateTime? highWaterMark, bool partial, string? message)
    {
        LastSyncedAt = now;
        LastSyncStatus = partial ? AgentSyncStatus.Partial : AgentSyncStatus.Succeeded;
        LastSyncError = Clip(message);
        ConsecutiveKeyRejections = 0;
        if (highWaterMark is { } mark && (SyncHighWaterMark is null || mark > SyncHighWaterMark))
        {
            SyncHighWaterMark = mark;
        }
    }

    /// <param name="keyRejected">Vapi refused the key (401/403); after <paramref name="pauseAfterRejections"/> in a row the agent is paused.</param>
    public void RecordSyncFailed(string error, bool keyRejected, int pauseAfterRejections)
    {
        LastSyncError = Clip(error);
        LastSyncStatus = AgentSyncStatus.Failed;
        if (keyRejected && ++ConsecutiveKeyRejections >= pauseAfterRejections)
        {
            LastSyncStatus = AgentSyncStatus.Paused;
            LastSyncError = Clip($"{error} Scheduled syncs are paused until the key is replaced or a manual sync succeeds.");
        }
    }

    /// <summary>Soft delete: the agent leaves lists, its key is destroyed, its usage history stays.</summary>
    public void Delete(DateTime now)
    {
        EnsureNotDeleted();
        DeletedAt = now;
        IsActive = false;
        ApiKey = null;
        WebhookSecret = null;
        Touch(now);
    }

    private bool SetActive(bool active, DateTime now)
    {
        if (IsActive == active)
        {
            return false;
        }

        EnsureNotDeleted();
        IsActive = active;
        Touch(now);
        return true;
    }

    private void SetName(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > NameMaxLength)
        {
            throw new DomainRuleException($"An agent's name must be 1 to {NameMaxLength} characters.");
        }

        Name = trimmed;
        NormalizedName = NormalizeName(trimmed);
    }

    private static string? Clip(string? text) =>
        text is null || text.Length <= SyncErrorMaxLength ? text : text[..SyncErrorMaxLength];

    private static string? NormalizeAssistantId(string? assistantId) =>
        string.IsNullOrWhiteSpace(assistantId) ? null : assistantId.Trim();

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new DomainRuleException("This agent is deleted.");
        }
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }
}
