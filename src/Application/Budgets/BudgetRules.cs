using FluentValidation;
using VapiAgents.Application.Common.Time;
using VapiAgents.Domain.Budgets;

namespace VapiAgents.Application.Budgets;

/// <summary>The field rules of budgets, shared by create and update.</summary>
public static class BudgetRules
{
    public static IRuleBuilderOptions<T, string?> ValidBudgetName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(name => !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= Budget.NameMaxLength)
            .WithMessage($"name is required and at most {Budget.NameMaxLength} characters.");

    public static IRuleBuilderOptions<T, string?> ValidPeriod<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(period => PeriodNames.TryParse(period, out _)).WithMessage("period must be day, week or month.");

    public static IRuleBuilderOptions<T, string?> ValidZone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(zone => ZonedCalendar.TryFindZone(zone, out _))
            .WithMessage("timezone must be an IANA time zone such as Europe/Berlin or America/New_York.");

    public static IRuleBuilderOptions<T, decimal?> ValidAmount<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.Must(amount => amount is > 0 and <= 100_000_000m).WithMessage("amount must be a number of USD above 0.");

    public static IRuleBuilderOptions<T, IReadOnlyList<int>?> ValidThresholds<T>(this IRuleBuilder<T, IReadOnlyList<int>?> rule) =>
        rule.Must(list => list is null || (list.Count is > 0 and <= Budget.MaxThresholds && list.All(t => t is >= Budget.MinThreshold and <= Budget.MaxThreshold)))
            .WithMessage($"thresholds must hold 1 to {Budget.MaxThresholds} percentages from {Budget.MinThreshold} to {Budget.MaxThreshold}.");
}
