using Mediator;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Budgets;
using VapiAgents.Domain.Budgets.Specifications;

namespace VapiAgents.Application.Budgets.Queries.ListBudgets;

public sealed record ListBudgetsQuery : IQuery<IReadOnlyList<BudgetDto>>;

public sealed class ListBudgetsQueryHandler(IReadRepository<Budget> budgets, BudgetSpending spending, ICurrentUser currentUser)
    : IQueryHandler<ListBudgetsQuery, IReadOnlyList<BudgetDto>>
{
    public async ValueTask<IReadOnlyList<BudgetDto>> Handle(ListBudgetsQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var list = await budgets.ListAsync(new BudgetsForUserSpec(userId), cancellationToken);
        return [.. (await spending.ReadAsync(userId, list, cancellationToken)).Select(BudgetSpending.ToDto)];
    }
}
