using VapiAgents.Application.Alerts;

namespace VapiAgents.Application.Notifications;

public sealed record NotificationChannelListResponse(IReadOnlyList<NotificationChannelDto> Channels);
