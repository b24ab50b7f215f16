using VapiAgents.Application.Alerts;

namespace VapiAgents.Application.Notifications;

/// <param name="Secret">Webhook channels: the signing secret (whsec_…), shown this once; null for other types.</param>
public sealed record CreatedNotificationChannelResponse(NotificationChannelDto Channel, string? Secret);
