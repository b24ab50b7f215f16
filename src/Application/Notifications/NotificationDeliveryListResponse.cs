using VapiAgents.Application.Alerts;

namespace VapiAgents.Application.Notifications;

public sealed record NotificationDeliveryListResponse(IReadOnlyList<NotificationDeliveryDto> Deliveries);
