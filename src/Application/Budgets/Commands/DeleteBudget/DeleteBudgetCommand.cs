using Mediator;
using VapiAgents.Application.Budgets.Commands.UpdateBudget;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Budgets;
using VapiAgents.Domain.Budgets.Specifications;

namespace VapiAgents.Application.Budgets.Commands.DeleteBudget;

/// <summary>Deletes a budget; the alerts it raised stay.</summary>
public sealed record DeleteBudgetCommand(Guid Id) : ICommand;

public sealed class DeleteBudgetCommandHandler(IRepository<Budget> budgets, ICurrentUser currentUser) : ICommandHandler<DeleteBudgetCommand>
{
    public async ValueTask<Unit> Handle(DeleteBudgetCommand command, CancellationToken cancellationToken)
    {
        var budget = await budgets.SingleOrDefaultAsync(new BudgetByIdForUserSpec(command.Id, currentUser.RequireUserId()), cancellationToken)
            ?? throw new NotFoundException(UpdateBudgetCommandHandler.Resource);
        await budgets.DeleteAsync(budget, cancellationToken);
        return Unit.Value;
    }
}
