namespace VapiAgents.Application.Metrics;

/// <summary>Sums over a set of calls: money in units of 1e-10 USD, durations in milliseconds, all exact integers.</summary>
public sealed class UsageSums
{
    public long Calls { get; set; }
    public long DurationMs { get; set; }
    public long Cost { get; set; }
    public long Transport { get; set; }
    public long Stt { get; set; }
    public long Llm { get; set; }
    public long Tts { get; set; }
    public long Vapi { get; set; }
    public long Analysis { get; set; }
    public long Other { get; set; }
    public long LlmPromptTokens { get; set; }
    public long LlmCompletionTokens { get; set; }
    public long TtsCharacters { get; set; }
    public long Passed { get; set; }
    public long Failed { get; set; }
    public long UnknownSuccess { get; set; }
    public long BillableSeconds { get; set; }
    public long Revenue { get; set; }

    public void Add(UsageSums other, long sign = 1)
    {
        Calls += sign * other.Calls;
        DurationMs += sign * other.DurationMs;
        Cost += sign * other.Cost;
        Transport += sign * other.Transport;
        Stt += sign * other.Stt;
        Llm += sign * other.Llm;
        Tts += sign * other.Tts;
        Vapi += sign * other.Vapi;
        Analysis += sign * other.Analysis;
        Other += sign * other.Other;
        LlmPromptTokens += sign * other.LlmPromptTokens;
        LlmCompletionTokens += sign * other.LlmCompletionTokens;
        TtsCharacters += sign * other.TtsCharacters;
        Passed += sign * other.Passed;
        Failed += sign * other.Failed;
        UnknownSuccess += sign * other.UnknownSuccess;
        BillableSeconds += sign * other.BillableSeconds;
        Revenue += sign * other.Revenue;
    }
}

/// <summary>Calls, duration, cost and resale (billable seconds, revenue): what a day, an agent or a previous period shows.</summary>
public readonly record struct UsageBrief(long Calls, long DurationMs, long Cost, long BillableSeconds = 0, long Revenue = 0)
{
    public static UsageBrief Of(UsageSums sums) => new(sums.Calls, sums.DurationMs, sums.Cost, sums.BillableSeconds, sums.Revenue);

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
