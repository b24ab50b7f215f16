using Mediator;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Notifications;
using VapiAgents.Domain.Notifications.Specifications;

namespace VapiAgents.Application.Notifications.Queries.ListNotificationChannels;

public sealed record ListNotificationChannelsQuery : IQuery<IReadOnlyList<NotificationChannelDto>>;

public sealed class ListNotificationChannelsQueryHandler(IReadRepository<NotificationChannel> channels, ICurrentUser currentUser)
    : IQueryHandler<ListNotificationChannelsQuery, IReadOnlyList<NotificationChannelDto>>
{
    public async ValueTask<IReadOnlyList<NotificationChannelDto>> Handle(ListNotificationChannelsQuery query, CancellationToken cancellationToken) =>
        [.. (await channels.ListAsync(new NotificationChannelsForUserSpec(currentUser.RequireUserId()), cancellationToken)).Select(NotificationMapping.ToDto)];
}
