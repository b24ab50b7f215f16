using VapiAgents.Application.Alerts;

namespace VapiAgents.Application.Notifications;

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
