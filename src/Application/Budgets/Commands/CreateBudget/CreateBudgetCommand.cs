using Mediator;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Clients;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Budgets;
using VapiAgents.Domain.Clients;

namespace VapiAgents.Application.Budgets.Commands.CreateBudget;

/// <param name="AgentId">Our agent's id; null (and no client): all of the user's agents.</param>
/// <param name="ClientId">Our client's id: the agents assigned to it; at most one of agentId and clientId.</param>
public sealed record CreateBudgetCommand(
    string? Name, Guid? AgentId, string? Period, string? Timezone, decimal? Amount, IReadOnlyList<int>? Thresholds, Guid? ClientId = null)
    : ICommand<BudgetDto>;

public sealed class CreateBudgetCommandHandler(
    IRepository<Budget> budgets,
    IReadRepository<VapiAgent> agents,
    IReadRepository<Client> clients,
    BudgetSpending spending,
    ICurrentUser currentUser,
    TimeProvider clock) : ICommandHandler<CreateBudgetCommand, BudgetDto>
{
    public async ValueTask<BudgetDto> Handle(CreateBudgetCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        if (command.AgentId is { } agentId)
        {
            await agents.GetOwnedAsync(agentId, userId, cancellationToken);
        }

        await clients.EnsureOwnedAsync(command.ClientId, userId, cancellationToken);
        PeriodNames.TryParse(command.Period, out var period);
        var budget = Budget.Create(
            Guid.CreateVersion7(), userId, command.Name!, command.AgentId, period, BudgetZones.Normalize(command.Timezone),
            command.Amount!.Value, command.Thresholds, clock.GetUtcNow().UtcDateTime, command.ClientId);
        await budgets.AddAsync(budget, cancellationToken);
        return BudgetSpending.ToDto((await spending.ReadAsync(userId, [budget], cancellationToken))[0]);
    }
}
