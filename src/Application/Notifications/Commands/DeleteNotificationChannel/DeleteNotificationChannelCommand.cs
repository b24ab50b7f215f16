using Mediator;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Notifications.Commands.UpdateNotificationChannel;
using VapiAgents.Domain.Notifications;
using VapiAgents.Domain.Notifications.Specifications;

namespace VapiAgents.Application.Notifications.Commands.DeleteNotificationChannel;

/// <summary>Deletes a channel with its deliveries (pending ones are never sent); alerts stay.</summary>
public sealed record DeleteNotificationChannelCommand(Guid Id) : ICommand;

public sealed class DeleteNotificationChannelCommandHandler(IRepository<NotificationChannel> channels, ICurrentUser currentUser)
    : ICommandHandler<DeleteNotificationChannelCommand>
{
    public async ValueTask<Unit> Handle(DeleteNotificationChannelCommand command, CancellationToken cancellationToken)
    {
        var channel = await channels.SingleOrDefaultAsync(new NotificationChannelByIdForUserSpec(command.Id, currentUser.RequireUserId()), cancellationToken)
            ?? throw new NotFoundException(UpdateNotificationChannelCommandHandler.Resource);
        await channels.DeleteAsync(channel, cancellationToken);
        return Unit.Value;
    }
}
