using VapiAgents.Application.Alerts;

namespace VapiAgents.Application.Notifications;

/// <summary>What a sender needs for one attempt. Secrets stay in <see cref="Common.Security.SecretValue"/>s until sent.</summary>
/// <param name="Kind">The alert kind or "test".</param>
/// <param name="OccurredAt">When the event happened (the body's timestamp; the same on every attempt).</param>
public sealed record NotificationEnvelope(
    Domain.Notifications.NotificationChannelType ChannelType,
    Common.Security.SecretValue? Url,
    string? Email,
    Common.Security.SecretValue? SigningSecret,
    string EventId,
    string Kind,
    DateTime OccurredAt,
    AlertDto? Alert,
    string? AgentName,
    string Title,
    string Text);
