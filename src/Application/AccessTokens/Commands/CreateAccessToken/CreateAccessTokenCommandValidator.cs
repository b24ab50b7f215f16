using FluentValidation;
using VapiAgents.Domain.AccessTokens;

namespace VapiAgents.Application.AccessTokens.Commands.CreateAccessToken;

public sealed class CreateAccessTokenCommandValidator : AbstractValidator<CreateAccessTokenCommand>
{
    public CreateAccessTokenCommandValidator()
    {
        RuleFor(c => c.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("name is required.")
            .Must(n => n is null || n.Trim().Length <= PersonalAccessToken.NameMaxLength)
            .WithMessage($"name must be at most {PersonalAccessToken.NameMaxLength} characters.");
        RuleFor(c => c.Scope)
            .Must(s => s is "read" or "write").WithMessage("scope must be \"read\" or \"write\".");
        RuleFor(c => c.ExpiresInDays)
            .InclusiveBetween(1, PersonalAccessToken.MaxLifetimeDays)
            .WithMessage($"expiresInDays must be 1 to {PersonalAccessToken.MaxLifetimeDays}.");
    }
}
