using Mediator;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Notifications.Commands.UpdateNotificationChannel;
using VapiAgents.Domain.Notifications;
using VapiAgents.Domain.Notifications.Specifications;

namespace VapiAgents.Application.Notifications.Queries.ListNotificationDeliveries;

/// <summary>A channel's newest deliveries (at most 100), newest first.</summary>
public sealed record ListNotificationDeliveriesQuery(Guid ChannelId) : IQuery<IReadOnlyList<NotificationDeliveryDto>>;

public sealed class ListNotificationDeliveriesQueryHandler(
    IReadRepository<NotificationChannel> channels, IReadRepository<NotificationDelivery> deliveries, ICurrentUser currentUser)
    : IQueryHandler<ListNotificationDeliveriesQuery, IReadOnlyList<NotificationDeliveryDto>>
{
    public const int Newest = 100;

    public async ValueTask<IReadOnlyList<NotificationDeliveryDto>> Handle(ListNotificationDeliveriesQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        _ = await channels.SingleOrDefaultAsync(new NotificationChannelByIdForUserSpec(query.ChannelId, userId), cancellationToken)
            ?? throw new NotFoundException(UpdateNotificationChannelCommandHandler.Resource);
        return [.. (await deliveries.ListAsync(new NotificationDeliveriesForChannelSpec(query.ChannelId, userId, Newest), cancellationToken))
            .Select(NotificationMapping.ToDto)];
    }
}
