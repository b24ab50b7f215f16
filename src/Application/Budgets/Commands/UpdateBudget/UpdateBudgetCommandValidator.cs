using FluentValidation;

namespace VapiAgents.Application.Budgets.Commands.UpdateBudget;

public sealed class UpdateBudgetCommandValidator : AbstractValidator<UpdateBudgetCommand>
{
    public UpdateBudgetCommandValidator()
    {
        RuleFor(c => c.Name).ValidBudgetName().When(c => c.Name is not null);
        RuleFor(c => c.Period).ValidPeriod().When(c => c.Period is not null);
        RuleFor(c => c.Timezone).ValidZone().When(c => c.Timezone is not null);
        RuleFor(c => c.Amount).ValidAmount().When(c => c.Amount is not null);
        RuleFor(c => c.Thresholds).ValidThresholds();
        RuleFor(c => c.AgentId).Must(id => !id.HasValue || id.Value != Guid.Empty)
            .WithMessage("agentId must be one of your agents' ids, or null for all of them.");
        RuleFor(c => c.ClientId).Must(id => !id.HasValue || id.Value != Guid.Empty)
            .WithMessage("clientId must be one of your clients' ids, or null.");
        RuleFor(c => c.ClientId).Must((c, id) => id is not { HasValue: true, Value: not null } || c.AgentId is not { HasValue: true, Value: not null })
            .WithMessage("A budget watches one agent (agentId) or one client's agents (clientId), not both: send at most one of them.");
    }
}
