using Ardalis.Specification;
using VapiAgents.Domain.Common;

namespace VapiAgents.Domain.Audit;

/// <summary>What happened, in the audit trail's words.</summary>
public static class AuditActions
{
    public const string AgentCreated = "agent.created";
    public const string AgentRenamed = "agent.renamed";
    public const string AgentKeyReplaced = "agent.key-replaced";
    public const string AgentAssistantChanged = "agent.assistant-changed";
    public const string AgentActivated = "agent.activated";
    public const string AgentDeactivated = "agent.deactivated";
    public const string AgentDeleted = "agent.deleted";
    public const string AgentVerified = "agent.verified";
    public const string AgentClientChanged = "agent.client-changed";
    public const string PriceSet = "price.set";
    public const string WebhookSecretRotated = "agent.webhook-secret-rotated";
    public const string SignInFailed = "sign-in.failed";
    public const string EncryptionKeysRotated = "encryption.keys-rotated";
    public const string RollupsRebuilt = "rollups.rebuilt";
    public const string AdminGranted = "admin.granted";
    public const string AdminRevoked = "admin.revoked";
    public const string AccessTokenCreated = "access-token.created";
    public const string AccessTokenRevoked = "access-token.revoked";
    public const string AccessTokenFirstUsed = "access-token.first-used";
}

/// <summary>
/// One entry of the audit trail: who did what to which agent, when, from which address. Details are plain
/// words and never a secret (a key shows only as its hint).
/// </summary>
public sealed class AuditEvent : IAggregateRoot
{
    public const int DetailsMaxLength = 500;

    private AuditEvent()
    {
        Action = "";
    }

    public Guid Id { get; private set; }

    /// <summary>Whose trail it belongs to: the agent's owner, or the account a failed sign-in was for (null if none).</summary>
    public string? UserId { get; private set; }

    /// <summary>Who acted: a user id, or null for the system (schedule, operator command line).</summary>
    public string? ActorId { get; private set; }

    public string Action { get; private set; }
    public Guid? AgentId { get; private set; }
    public string? Details { get; private set; }
    public string? IpAddress { get; private set; }
    public DateTime At { get; private set; }

    public static AuditEvent Record(string action, string? userId, string? actorId, Guid? agentId, string? details, string? ipAddress, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(),
        Action = action,
        UserId = userId,
        ActorId = actorId,
        AgentId = agentId,
        Details = details is { Length: > DetailsMaxLength } ? details[..DetailsMaxLength] : details,
        IpAddress = ipAddress is { Length: > 64 } ? ipAddress[..64] : ipAddress,
        At = at,
    };
}

/// <summary>A user's events (or everyone's, for admins), newest first, a page at a time.</summary>
public sealed class AuditEventsSpec : Specification<AuditEvent>
{
    public AuditEventsSpec(string? userId, int skip, int take)
    {
        if (userId is not null)
        {
            Query.Where(e => e.UserId == userId);
        }

        Query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(skip).Take(take).AsNoTracking();
    }
}
