using Mediator;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Notifications.Commands.UpdateNotificationChannel;
using VapiAgents.Domain.Notifications;
using VapiAgents.Domain.Notifications.Specifications;

namespace VapiAgents.Application.Notifications.Queries.GetNotificationChannel;

public sealed record GetNotificationChannelQuery(Guid Id) : IQuery<NotificationChannelDto>;

public sealed class GetNotificationChannelQueryHandler(IReadRepository<NotificationChannel> channels, ICurrentUser currentUser)
    : IQueryHandler<GetNotificationChannelQuery, NotificationChannelDto>
{
    public async ValueTask<NotificationChannelDto> Handle(GetNotificationChannelQuery query, CancellationToken cancellationToken) =>
        NotificationMapping.ToDto(await channels.SingleOrDefaultAsync(new NotificationChannelByIdForUserSpec(query.Id, currentUser.RequireUserId()), cancellationToken)
            ?? throw new NotFoundException(UpdateNotificationChannelCommandHandler.Resource));
}
