using FluentValidation;

namespace VapiAgents.Application.Notifications.Commands.UpdateNotificationChannel;

public sealed class UpdateNotificationChannelCommandValidator : AbstractValidator<UpdateNotificationChannelCommand>
{
    public UpdateNotificationChannelCommandValidator()
    {
        When(c => c.Name is not null, () => RuleFor(c => c.Name).ValidChannelName());
        When(c => c.Url is not null, () => RuleFor(c => c.Url).ValidReceiverUrl());
        When(c => c.Email is not null, () => RuleFor(c => c.Email).ValidEmail());
        RuleFor(c => c.Kinds).ValidKinds();
    }
}
