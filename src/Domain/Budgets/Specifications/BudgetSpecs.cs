using Ardalis.Specification;

namespace VapiAgents.Domain.Budgets.Specifications;

/// <summary>One of the user's budgets; unknown and other users' ids miss alike.</summary>
public sealed class BudgetByIdForUserSpec : SingleResultSpecification<Budget>
{
    public BudgetByIdForUserSpec(Guid id, string userId) => Query.Where(b => b.Id == id && b.UserId == userId);
}

/// <summary>The user's budgets, oldest first.</summary>
public sealed class BudgetsForUserSpec : Specification<Budget>
{
    public BudgetsForUserSpec(string userId) => Query.Where(b => b.UserId == userId).OrderBy(b => b.CreatedAt).ThenBy(b => b.Id);
}
