using VapiAgents.Application.Alerts;

namespace VapiAgents.Application.Notifications;

public sealed record NotificationChannelResponse(NotificationChannelDto Channel);
