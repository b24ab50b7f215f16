using VapiAgents.Application.Alerts;

namespace VapiAgents.Application.Notifications;

/// <param name="Secret">The new signing secret (whsec_…), shown this once; the old one stops signing at once.</param>
public sealed record RotatedNotificationSecretResponse(NotificationChannelDto Channel, string Secret);
