using Mediator;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Notifications.Commands.UpdateNotificationChannel;
using VapiAgents.Domain.Notifications;
using VapiAgents.Domain.Notifications.Specifications;

namespace VapiAgents.Application.Notifications.Commands.RotateNotificationChannelSecret;

/// <summary>A new signing secret for a webhook channel, answered once; the next attempt of every delivery signs with it.</summary>
public sealed record RotateNotificationChannelSecretCommand(Guid Id) : ICommand<RotatedNotificationSecretResponse>;

public sealed class RotateNotificationChannelSecretCommandHandler(
    IRepository<NotificationChannel> channels, ISecretProtector protector, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<RotateNotificationChannelSecretCommand, RotatedNotificationSecretResponse>
{
    public async ValueTask<RotatedNotificationSecretResponse> Handle(RotateNotificationChannelSecretCommand command, CancellationToken cancellationToken)
    {
        var channel = await channels.SingleOrDefaultAsync(new NotificationChannelByIdForUserSpec(command.Id, currentUser.RequireUserId()), cancellationToken)
            ?? throw new NotFoundException(UpdateNotificationChannelCommandHandler.Resource);
        if (channel.Type != NotificationChannelType.Webhook)
        {
            throw new ConflictException("Only webhook channels have a signing secret.", "type");
        }

        var secret = NotificationSecrets.NewSigningSecret();
        channel.RotateSecret(protector.Seal(secret, SecretPurpose.NotificationSigningSecret, channel.Id), clock.GetUtcNow().UtcDateTime);
        await channels.SaveChangesAsync(cancellationToken);
        return new RotatedNotificationSecretResponse(NotificationMapping.ToDto(channel), secret.Reveal());
    }
}
