using Mediator;
using VapiAgents.Application.Budgets.Commands.UpdateBudget;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Budgets;
using VapiAgents.Domain.Budgets.Specifications;

namespace VapiAgents.Application.Budgets.Queries.GetBudget;

public sealed record GetBudgetQuery(Guid Id) : IQuery<BudgetDto>;

public sealed class GetBudgetQueryHandler(IReadRepository<Budget> budgets, BudgetSpending spending, ICurrentUser currentUser)
    : IQueryHandler<GetBudgetQuery, BudgetDto>
{
    public async ValueTask<BudgetDto> Handle(GetBudgetQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var budget = await budgets.SingleOrDefaultAsync(new BudgetByIdForUserSpec(query.Id, userId), cancellationToken)
            ?? throw new NotFoundException(UpdateBudgetCommandHandler.Resource);
        return BudgetSpending.ToDto((await spending.ReadAsync(userId, [budget], cancellationToken))[0]);
    }
}
