using Mediator;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Models;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Budgets;
using VapiAgents.Domain.Budgets.Specifications;

namespace VapiAgents.Application.Budgets.Commands.UpdateBudget;

/// <summary>Changes the fields that were sent. Raising the amount does not re-fire thresholds already alerted in this period.</summary>
/// <param name="AgentId">Sent as null: all of the user's agents.</param>
public sealed record UpdateBudgetCommand(
    Guid Id, string? Name, Optional<Guid?> AgentId, string? Period, string? Timezone, decimal? Amount, IReadOnlyList<int>? Thresholds) : ICommand<BudgetDto>;

public sealed class UpdateBudgetCommandHandler(
    IRepository<Budget> budgets,
    IReadRepository<VapiAgent> agents,
    BudgetSpending spending,
    ICurrentUser currentUser,
    TimeProvider clock) : ICommandHandler<UpdateBudgetCommand, BudgetDto>
{
    public const string Resource = "Budget";

    public async ValueTask<BudgetDto> Handle(UpdateBudgetCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var budget = await budgets.SingleOrDefaultAsync(new BudgetByIdForUserSpec(command.Id, userId), cancellationToken)
            ?? throw new NotFoundException(Resource);
        var now = clock.GetUtcNow().UtcDateTime;
        if (command.AgentId.HasValue && command.AgentId.Value != budget.AgentId)
        {
            if (command.AgentId.Value is { } agentId)
            {
                await agents.GetOwnedAsync(agentId, userId, cancellationToken);
            }

            budget.Rescope(command.AgentId.Value, now);
        }

        var period = budget.Period;
        if (command.Period is not null)
        {
            PeriodNames.TryParse(command.Period, out period);
        }

        budget.Change(
            command.Name ?? budget.Name, period, command.Timezone is null ? budget.Timezone : BudgetZones.Normalize(command.Timezone),
            command.Amount ?? budget.Amount, command.Thresholds ?? budget.Thresholds, now);
        await budgets.SaveChangesAsync(cancellationToken);
        return BudgetSpending.ToDto((await spending.ReadAsync(userId, [budget], cancellationToken))[0]);
    }
}
