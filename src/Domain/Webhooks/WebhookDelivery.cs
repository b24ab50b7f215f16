using VapiAgents.Domain.Common;

namespace VapiAgents.Domain.Webhooks;

/// <summary>What became of a webhook delivery.</summary>
public enum WebhookOutcome
{
    /// <summary>An end-of-call report whose call was stored.</summary>
    Accepted,

    /// <summary>Another kind of message: acknowledged, nothing to store.</summary>
    Ignored,

    /// <summary>No valid proof (secret or signature).</summary>
    Unauthorized,

    /// <summary>Not valid JSON, or not a server message.</summary>
    Invalid,

    /// <summary>A call of another organisation or assistant than the agent's.</summary>
    Rejected,
}

/// <summary>
/// One webhook delivery to an agent, so its owner can see that Vapi's messages arrive: when, what type, which
/// call, what happened. Never the body.
/// </summary>
public sealed class WebhookDelivery : IAggregateRoot
{
    public const int TypeMaxLength = 64;

    private WebhookDelivery()
    {
        UserId = "";
    }

    public Guid Id { get; private set; }
    public Guid AgentId { get; private set; }
    public string UserId { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public string? Type { get; private set; }
    public string? CallId { get; private set; }
    public WebhookOutcome Outcome { get; private set; }

    /// <summary>How the sender proved itself: secret header, bearer, hmac — or null when it did not.</summary>
    public string? Proof { get; private set; }

    public static WebhookDelivery Record(Guid agentId, string userId, DateTime receivedAt, WebhookOutcome outcome, string? proof, string? type, string? callId) => new()
    {
        Id = Guid.CreateVersion7(),
        AgentId = agentId,
        UserId = userId,
        ReceivedAt = receivedAt,
        Outcome = outcome,
        Proof = proof,
        Type = type is { Length: > TypeMaxLength } ? type[..TypeMaxLength] : type,
        CallId = callId is { Length: > Usage.CallFacts.IdMaxLength } ? callId[..Usage.CallFacts.IdMaxLength] : callId,
    };
}
