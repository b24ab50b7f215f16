using Mediator;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.Notifications;
using VapiAgents.Domain.Notifications.Specifications;

namespace VapiAgents.Application.Notifications.Commands.UpdateNotificationChannel;

/// <summary>Changes the fields sent; <c>enabled: true</c> re-enables a disabled channel (its failure streak starts over).</summary>
public sealed record UpdateNotificationChannelCommand(Guid Id, string? Name, string? Url, string? Email, IReadOnlyList<string>? Kinds, bool? Enabled)
    : ICommand<NotificationChannelDto>;

public sealed class UpdateNotificationChannelCommandHandler(
    IRepository<NotificationChannel> channels,
    IDestinationGuard guard,
    ISecretProtector protector,
    ICurrentUser currentUser,
    TimeProvider clock) : ICommandHandler<UpdateNotificationChannelCommand, NotificationChannelDto>
{
    public const string Resource = "Notification channel";

    public async ValueTask<NotificationChannelDto> Handle(UpdateNotificationChannelCommand command, CancellationToken cancellationToken)
    {
        var channel = await channels.SingleOrDefaultAsync(new NotificationChannelByIdForUserSpec(command.Id, currentUser.RequireUserId()), cancellationToken)
            ?? throw new NotFoundException(Resource);
        var now = clock.GetUtcNow().UtcDateTime;
        if (command.Url is not null)
        {
            if (channel.Type == NotificationChannelType.Email)
            {
                throw new RequestValidationException("url", "url is for webhook and slack channels only.");
            }

            NotificationRules.TryParseUrl(command.Url, out var url);
            if (await guard.RefusalAsync(url, cancellationToken) is { } refusal)
            {
                throw new RequestValidationException("url", refusal);
            }

            channel.ReplaceUrl(protector.Seal(new SecretValue(url.OriginalString), SecretPurpose.NotificationUrl, channel.Id), NotificationMapping.UrlHint(url), now);
        }

        if (command.Email is not null)
        {
            if (channel.Type != NotificationChannelType.Email)
            {
                throw new RequestValidationException("email", "email is for e-mail channels only.");
            }

            channel.ChangeEmail(command.Email, now);
        }

        if (command.Name is not null)
        {
            channel.Rename(command.Name, now);
        }

        if (NotificationRules.ParseKinds(command.Kinds) is { } kinds)
        {
            channel.ChangeKinds(kinds, now);
        }

        if (command.Enabled == true)
        {
            channel.Enable(now);
        }
        else if (command.Enabled == false)
        {
            channel.Disable("Disabled by the user.", now);
        }

        await channels.SaveChangesAsync(cancellationToken);
        return NotificationMapping.ToDto(channel);
    }
}
