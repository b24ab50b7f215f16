namespace VapiAgents.Domain.Budgets;

/// <summary>The local days of one budget period, first and last included.</summary>
public readonly record struct PeriodSpan(DateOnly Start, DateOnly End)
{
    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>The period of <paramref name="period"/> that holds <paramref name="day"/>: weeks start on Monday (ISO), months on the 1st.</summary>
    public static PeriodSpan Containing(BudgetPeriod period, DateOnly day) => period switch
    {
        BudgetPeriod.Day => new PeriodSpan(day, day),
        BudgetPeriod.Week => Week(day),
        BudgetPeriod.Month => new PeriodSpan(new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month))),
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    private static PeriodSpan Week(DateOnly day)
    {
        var sinceMonday = ((int)day.DayOfWeek + 6) % 7;
        var monday = day.AddDays(-sinceMonday);
        return new PeriodSpan(monday, monday.AddDays(6));
    }
}
