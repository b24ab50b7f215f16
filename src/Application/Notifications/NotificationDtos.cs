using VapiAgents.Application.Alerts;

namespace VapiAgents.Application.Notifications;

/// <param name="Type">webhook, slack or email.</param>
/// <param name="UrlHint">Webhook and Slack: scheme, host and the URL's last four characters (the URL itself is never shown again).</param>
/// <param name="Email">E-mail channels: the address.</param>
/// <param name="Kinds">The alert kinds sent to this channel.</param>
/// <param name="Enabled">False after a 410 Gone answer or 10 failed attempts in a row (see disabledReason); PATCH enabled: true re-enables.</param>
public sealed record NotificationChannelDto(
    Guid Id,
    string Name,
    string Type,
    string? UrlHint,
    string? Email,
    IReadOnlyList<string> Kinds,
    bool Enabled,
    string? DisabledReason,
    DateTime? DisabledAt,
    DateTime CreatedAt,
    DateTime UpdatedAt);

public sealed record NotificationChannelResponse(NotificationChannelDto Channel);

/// <param name="Secret">Webhook channels: the signing secret (whsec_…), shown this once; null for other types.</param>
public sealed record CreatedNotificationChannelResponse(NotificationChannelDto Channel, string? Secret);

public sealed record NotificationChannelListResponse(IReadOnlyList<NotificationChannelDto> Channels);

/// <param name="Secret">The new signing secret (whsec_…), shown this once; the old one stops signing at once.</param>
public sealed record RotatedNotificationSecretResponse(NotificationChannelDto Channel, string Secret);

/// <param name="EventId">The webhook-id header of every attempt.</param>
/// <param name="Kind">The alert kind, or test.</param>
/// <param name="Status">pending, delivered or failed.</param>
/// <param name="LastError">A short reason for the last failure; receivers' answer bodies are never stored.</param>
public sealed record NotificationDeliveryDto(
    Guid Id,
    string EventId,
    string Kind,
    Guid? AlertId,
    string Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTime CreatedAt,
    DateTime? DeliveredAt,
    DateTime? NextAttemptAt);

public sealed record NotificationDeliveryListResponse(IReadOnlyList<NotificationDeliveryDto> Deliveries);

/// <param name="DeliveryId">Follow it in GET /api/vapi/notification-channels/{id}/deliveries.</param>
public sealed record TestNotificationResponse(Guid DeliveryId, string EventId);

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

/// <param name="StatusCode">The receiver's HTTP status (null: no answer, or e-mail).</param>
/// <param name="Error">A short reason for a failure, without the answer's body.</param>
/// <param name="Permanent">Retrying cannot help (a refused address): fail at once.</param>
public sealed record NotificationAttemptResult(bool Delivered, int? StatusCode, string? Error, bool Permanent = false);
