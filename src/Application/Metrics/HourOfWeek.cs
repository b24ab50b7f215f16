namespace VapiAgents.Application.Metrics;

/// <summary>Folds an hourly series into the 168 hours of a week, by each bucket's local weekday and wall-clock hour.</summary>
public static class HourOfWeek
{
    public const int Cells = 7 * 24;

    /// <summary>Cell index: (ISO weekday − 1) × 24 + hour, so Monday 00:00 is 0.</summary>
    public static int IndexOf(DateTimeOffset local) => (((int)local.DayOfWeek + 6) % 7) * 24 + local.Hour;

    public static UsageBrief[] Fold(IReadOnlyList<SeriesBucket> hours, IReadOnlyList<UsageBrief> usage)
    {
        var cells = new UsageBrief[Cells];
        for (var i = 0; i < hours.Count; i++)
        {
            var cell = IndexOf(hours[i].LocalStart);
            var (sum, add) = (cells[cell], usage[i]);
            cells[cell] = sum.Plus(add);
        }

        return cells;
    }
}
