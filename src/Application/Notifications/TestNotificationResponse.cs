using VapiAgents.Application.Alerts;

namespace VapiAgents.Application.Notifications;

/// <param name="DeliveryId">Follow it in GET /api/vapi/notification-channels/{id}/deliveries.</param>
public sealed record TestNotificationResponse(Guid DeliveryId, string EventId);
