using FluentValidation;

namespace VapiAgents.Application.Budgets.Commands.CreateBudget;

public sealed class CreateBudgetCommandValidator : AbstractValidator<CreateBudgetCommand>
{
    public CreateBudgetCommandValidator()
    {
        RuleFor(c => c.Name).ValidBudgetName();
        RuleFor(c => c.Period).ValidPeriod();
        RuleFor(c => c.Timezone).ValidZone();
        RuleFor(c => c.Amount).ValidAmount();
        RuleFor(c => c.Thresholds).ValidThresholds();
        RuleFor(c => c.AgentId).Must(id => id != Guid.Empty).WithMessage("agentId must be one of your agents' ids, or left out for all of them.");
    }
}
