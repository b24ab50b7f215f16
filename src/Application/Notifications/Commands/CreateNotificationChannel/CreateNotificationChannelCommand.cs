using Mediator;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.Notifications;
using VapiAgents.Domain.Notifications.Specifications;

namespace VapiAgents.Application.Notifications.Commands.CreateNotificationChannel;

/// <param name="Url">Webhook and Slack: where to POST.</param>
/// <param name="Email">E-mail channels: the address.</param>
/// <param name="Kinds">Alert kinds to send; null: all.</param>
public sealed record CreateNotificationChannelCommand(string? Name, string? Type, string? Url, string? Email, IReadOnlyList<string>? Kinds)
    : ICommand<CreatedNotificationChannelResponse>;

public sealed class CreateNotificationChannelCommandHandler(
    IRepository<NotificationChannel> channels,
    IDestinationGuard guard,
    ISecretProtector protector,
    IOptions<NotificationLimits> limits,
    ICurrentUser currentUser,
    TimeProvider clock) : ICommandHandler<CreateNotificationChannelCommand, CreatedNotificationChannelResponse>
{
    public async ValueTask<CreatedNotificationChannelResponse> Handle(CreateNotificationChannelCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var max = limits.Value.MaxChannelsPerUser;
        if (await channels.CountAsync(new NotificationChannelsForUserSpec(userId), cancellationToken) >= max)
        {
            throw new ConflictException($"You have {max} notification channels, the most allowed; delete one first.");
        }

        NotificationMapping.TryParseType(command.Type, out var type);
        var kinds = NotificationRules.ParseKinds(command.Kinds);
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow().UtcDateTime;
        if (type == NotificationChannelType.Email)
        {
            var mail = NotificationChannel.CreateEmail(id, userId, command.Name!, command.Email!, kinds, now);
            await channels.AddAsync(mail, cancellationToken);
            return new CreatedNotificationChannelResponse(NotificationMapping.ToDto(mail), null);
        }

        NotificationRules.TryParseUrl(command.Url, out var url);
        if (await guard.RefusalAsync(url, cancellationToken) is { } refusal)
        {
            throw new RequestValidationException("url", refusal);
        }

        var secret = type == NotificationChannelType.Webhook ? NotificationSecrets.NewSigningSecret() : null;
        var channel = NotificationChannel.CreateWebhook(
            id, userId, command.Name!, type, protector.Seal(new SecretValue(url.OriginalString), SecretPurpose.NotificationUrl, id),
            NotificationMapping.UrlHint(url), secret is null ? null : protector.Seal(secret, SecretPurpose.NotificationSigningSecret, id), kinds, now);
        await channels.AddAsync(channel, cancellationToken);
        return new CreatedNotificationChannelResponse(NotificationMapping.ToDto(channel), secret?.Reveal());
    }
}
