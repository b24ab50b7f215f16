namespace VapiAgents.Domain.Budgets;

/// <summary>How long a budget's period lasts: a local day, an ISO week (from Monday) or a calendar month.</summary>
public enum BudgetPeriod
{
    Day,
    Week,
    Month,
}
