using VapiAgents.Domain.Budgets;

namespace VapiAgents.Application.Budgets;

/// <summary>The periods' names on the wire: day, week, month.</summary>
public static class PeriodNames
{
    public static string Name(BudgetPeriod period) => period.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out BudgetPeriod period)
    {
        period = default;
        return text is "day" or "week" or "month" && Enum.TryParse(text, ignoreCase: true, out period);
    }
}
