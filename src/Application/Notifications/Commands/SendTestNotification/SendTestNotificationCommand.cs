using Mediator;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Notifications.Commands.UpdateNotificationChannel;
using VapiAgents.Domain.Notifications;
using VapiAgents.Domain.Notifications.Specifications;

namespace VapiAgents.Application.Notifications.Commands.SendTestNotification;

/// <summary>Queues a <c>test</c> event to the channel (also to a disabled one, so it can be checked before re-enabling).</summary>
public sealed record SendTestNotificationCommand(Guid Id) : ICommand<TestNotificationResponse>;

public sealed class SendTestNotificationCommandHandler(
    IReadRepository<NotificationChannel> channels,
    IRepository<NotificationDelivery> deliveries,
    INotificationJobQueue jobs,
    ICurrentUser currentUser,
    TimeProvider clock) : ICommandHandler<SendTestNotificationCommand, TestNotificationResponse>
{
    public async ValueTask<TestNotificationResponse> Handle(SendTestNotificationCommand command, CancellationToken cancellationToken)
    {
        var channel = await channels.SingleOrDefaultAsync(new NotificationChannelByIdForUserSpec(command.Id, currentUser.RequireUserId()), cancellationToken)
            ?? throw new NotFoundException(UpdateNotificationChannelCommandHandler.Resource);
        var delivery = NotificationDelivery.Test(channel, clock.GetUtcNow().UtcDateTime);
        await deliveries.AddAsync(delivery, cancellationToken);
        jobs.Enqueue(delivery.Id);
        return new TestNotificationResponse(delivery.Id, delivery.EventId);
    }
}
