namespace VapiAgents.Application.Budgets;

/// <param name="AgentId">Our agent's id; null: all of the user's agents.</param>
/// <param name="AgentDeleted">The budget's agent was deleted (the budget stays, and counts its history).</param>
/// <param name="ClientId">Our client whose agents (as assigned now) the budget watches; null: not a client budget.</param>
/// <param name="ClientDeleted">The budget's client was deleted: the budget stays, watches no agent (spend 0) and keeps its alerts.</param>
/// <param name="Period">day, week (ISO, from Monday) or month.</param>
public sealed record BudgetDto(
    Guid Id,
    string Name,
    Guid? AgentId,
    bool AgentDeleted,
    Guid? ClientId,
    bool ClientDeleted,
    string Period,
    string Timezone,
    decimal Amount,
    IReadOnlyList<int> Thresholds,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    BudgetCurrentDto Current);

/// <param name="PeriodStart">First local day of the current period (YYYY-MM-DD).</param>
/// <param name="PeriodEnd">Last local day of the current period.</param>
/// <param name="Spent">USD spent in the period so far.</param>
/// <param name="Percent">Spent as a percentage of the amount.</param>
/// <param name="Forecast">USD at the end of the period at the pace so far (spent × period length ÷ time elapsed).</param>
/// <param name="Status">ok, warning (a threshold under 100 % reached) or exceeded (100 % or more).</param>
public sealed record BudgetCurrentDto(string PeriodStart, string PeriodEnd, decimal Spent, decimal Percent, decimal Forecast, string Status);

public sealed record BudgetResponse(BudgetDto Budget);

public sealed record BudgetListResponse(IReadOnlyList<BudgetDto> Budgets);
