namespace VapiAgents.Application.Metrics;

/// <summary>Calls, duration, cost and resale (billable seconds, revenue): what a day, an agent or a previous period shows.</summary>
public readonly record struct UsageBrief(long Calls, long DurationMs, long Cost, long BillableSeconds = 0, long Revenue = 0)
{
    public static UsageBrief Of(UsageSums sums) => new(
        sums[UsageMeasures.Calls], sums[UsageMeasures.DurationMs], sums[UsageMeasures.Cost], sums[UsageMeasures.BillableSeconds], sums[UsageMeasures.Revenue]);

    public UsageBrief Plus(UsageBrief other, long sign = 1) => new(
        Calls + sign * other.Calls, DurationMs + sign * other.DurationMs, Cost + sign * other.Cost,
        BillableSeconds + sign * other.BillableSeconds, Revenue + sign * other.Revenue);
}

/// <summary>Calls and cost per value of one breakdown (ended reason, type, status). A null key is "no value".</summary>
public sealed record BreakdownEntry(string? Key, long Calls, long Cost);

/// <summary>Everything the metrics answer needs, for one selection of agents over one range of local days.</summary>
public sealed record UsageReport(
    UsageSums Totals,
    IReadOnlyList<(DateOnly Date, UsageBrief Usage)> Daily,
    IReadOnlyDictionary<Guid, UsageBrief> ByAgent,
    IReadOnlyList<BreakdownEntry> ByEndedReason,
    IReadOnlyList<BreakdownEntry> ByType,
    IReadOnlyList<BreakdownEntry> ByStatus)
{
    /// <summary>Calls per band of <see cref="DurationBands.All"/> (calls without a duration are in none).</summary>
    public IReadOnlyList<long> DurationHistogram { get; init; } = [];
}

/// <summary>The local days asked for, in their zone.</summary>
public sealed record DayRange(DateOnly First, DateOnly Last, TimeZoneInfo Zone)
{
    public int Days => Last.DayNumber - First.DayNumber + 1;

    /// <summary>The same number of days just before.</summary>
    public DayRange Previous => new(First.AddDays(-Days), First.AddDays(-1), Zone);
}

/// <summary>
/// Reads usage for a selection of a user's agents. A call held by several selected agents counts once in
/// totals, days and breakdowns; <see cref="UsageReport.ByAgent"/> shows each agent's own view.
/// </summary>
public interface IUsageReader
{
    Task<UsageReport> ReadAsync(string userId, IReadOnlyCollection<Guid> agentIds, DayRange range, CancellationToken cancellationToken);

    Task<UsageBrief> ReadBriefAsync(string userId, IReadOnlyCollection<Guid> agentIds, DayRange range, CancellationToken cancellationToken);
}
