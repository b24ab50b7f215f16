using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Metrics;

/// <summary>
/// The resale measures of a sum of calls, computed one way for every answer (totals, days, agents, clients, compare,
/// statements, CSV): billable minutes, revenue, margin = revenue − cost, margin percent (null without revenue).
/// </summary>
public readonly record struct ResaleFigures(decimal BillableMinutes, decimal Revenue, decimal Cost, decimal Margin, decimal? MarginPercent)
{
    public const string NoClientName = "(no client)";
    private const int MinuteScale = 6;
    private const int PercentScale = 2;

    public static ResaleFigures Of(UsageBrief usage) => Of(usage.BillableSeconds, usage.Revenue, usage.Cost);

    public static ResaleFigures Of(UsageSums sums) => Of(sums[UsageMeasures.BillableSeconds], sums[UsageMeasures.Revenue], sums[UsageMeasures.Cost]);

    public static ResaleFigures Of(long billableSeconds, long revenueUnits, long costUnits)
    {
        var margin = revenueUnits - costUnits;
        return new ResaleFigures(
            Math.Round(billableSeconds / 60m, MinuteScale),
            Money.FromUnits(revenueUnits),
            Money.FromUnits(costUnits),
            Money.FromUnits(margin),
            revenueUnits == 0 ? null : Math.Round(margin * 100m / revenueUnits, PercentScale));
    }

    public static decimal Minutes(long durationMs) => Math.Round(durationMs / 60_000m, MinuteScale);
}
