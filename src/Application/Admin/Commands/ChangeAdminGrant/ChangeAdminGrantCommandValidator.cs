using FluentValidation;

namespace VapiAgents.Application.Admin.Commands.ChangeAdminGrant;

public sealed class ChangeAdminGrantCommandValidator : AbstractValidator<ChangeAdminGrantCommand>
{
    public ChangeAdminGrantCommandValidator() =>
        RuleFor(c => c.Email).NotEmpty().MaximumLength(256).WithMessage("email is required (the account's e-mail address).");
}
