using Mediator;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Clients;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Models;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Budgets;
using VapiAgents.Domain.Clients;
using VapiAgents.Domain.Budgets.Specifications;

namespace VapiAgents.Application.Budgets.Commands.UpdateBudget;

/// <summary>Changes the fields that were sent. Raising the amount does not re-fire thresholds already alerted in this period.</summary>
/// <param name="AgentId">Sent with an id: that agent (the client scope is dropped); sent as null: no agent scope.</param>
/// <param name="ClientId">Sent with an id: that client's agents (the agent scope is dropped); sent as null: no client scope.</param>
public sealed record UpdateBudgetCommand(
    Guid Id, string? Name, Optional<Guid?> AgentId, string? Period, string? Timezone, decimal? Amount, IReadOnlyList<int>? Thresholds,
    Optional<Guid?> ClientId = default) : ICommand<BudgetDto>;

public sealed class UpdateBudgetCommandHandler(
    IRepository<Budget> budgets,
    IReadRepository<VapiAgent> agents,
    IReadRepository<Client> clients,
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
        // One scope at a time: naming an agent drops the client scope and the other way round.
        var agentId = command.AgentId.HasValue ? command.AgentId.Value : command.ClientId is { HasValue: true, Value: not null } ? null : budget.AgentId;
        var clientId = command.ClientId.HasValue ? command.ClientId.Value : command.AgentId is { HasValue: true, Value: not null } ? null : budget.ClientId;
        if (agentId != budget.AgentId || clientId != budget.ClientId)
        {
            if (agentId is { } agent && agent != budget.AgentId)
            {
                await agents.GetOwnedAsync(agent, userId, cancellationToken);
            }

            if (clientId != budget.ClientId)
            {
                await clients.EnsureOwnedAsync(clientId, userId, cancellationToken);
            }

            budget.Rescope(agentId, clientId, now);
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
