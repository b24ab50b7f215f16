using FluentValidation;
using VapiAgents.Domain.Notifications;

namespace VapiAgents.Application.Notifications.Commands.CreateNotificationChannel;

public sealed class CreateNotificationChannelCommandValidator : AbstractValidator<CreateNotificationChannelCommand>
{
    public CreateNotificationChannelCommandValidator()
    {
        RuleFor(c => c.Name).ValidChannelName();
        RuleFor(c => c.Type).ValidChannelType();
        RuleFor(c => c.Kinds).ValidKinds();
        When(c => NotificationMapping.TryParseType(c.Type, out var type) && type != NotificationChannelType.Email, () =>
        {
            RuleFor(c => c.Url).ValidReceiverUrl();
            RuleFor(c => c.Email).Null().WithMessage("email is for e-mail channels only.");
        });
        When(c => NotificationMapping.TryParseType(c.Type, out var type) && type == NotificationChannelType.Email, () =>
        {
            RuleFor(c => c.Email).ValidEmail();
            RuleFor(c => c.Url).Null().WithMessage("url is for webhook and slack channels only.");
        });
    }
}
