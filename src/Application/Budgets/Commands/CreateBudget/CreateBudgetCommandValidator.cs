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
        RuleFor(c => c.ClientId).Must(id => id != Guid.Empty).WithMessage("clientId must be one of your clients' ids, or left out.");
        RuleFor(c => c.ClientId).Must((c, id) => id is null || c.AgentId is null)
            .WithMessage("A budget watches one agent (agentId) or one client's agents (clientId), not both: send at most one of them.");
    }
}
