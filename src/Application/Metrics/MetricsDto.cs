using System.Text.Json.Serialization;

namespace VapiAgents.Application.Metrics;

public sealed record MetricsResponse(MetricsDto Metrics);

/// <summary>Usage and cost of one agent or of all of the user's selected agents, over local days in a time zone.</summary>
public sealed record MetricsDto(
    MetricsRange Range,
    IReadOnlyList<Guid> AgentIds,
    MetricsTotals Totals,
    CostBreakdownDto CostBreakdown,
    TokensDto Tokens,
    IReadOnlyList<KeyedUsageDto> ByEndedReason,
    IReadOnlyList<KeyedUsageDto> ByType,
    IReadOnlyList<KeyedUsageDto> ByStatus,
    SuccessEvaluationDto SuccessEvaluation,
    IReadOnlyList<DailyUsageDto> Daily,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AgentUsageDto>? ByAgent,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PreviousPeriodDto? PreviousPeriod,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ChangeDto? Change,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ClientUsageDto>? ByClient = null)
{
    /// <summary>The range at the asked grain (hour, day, week or month), zero-filled, oldest first.</summary>
    public IReadOnlyList<SeriesEntryDto> Series { get; init; } = [];

    /// <summary>Calls per call-length band, shortest first; calls without a duration are left out.</summary>
    public IReadOnlyList<DurationBandDto> DurationHistogram { get; init; } = [];
}

public sealed record MetricsRange(string StartDate, string EndDate, string Timezone);

public sealed record MetricsTotals(
    long Calls, decimal Minutes, decimal DurationSeconds, decimal Cost,
    decimal AverageDurationSeconds, decimal AverageCostPerCall, decimal CostPerMinute,
    decimal BillableMinutes, decimal Revenue, decimal Margin, decimal? MarginPercent);

public sealed record CostBreakdownDto(decimal Transport, decimal Stt, decimal Llm, decimal Tts, decimal Vapi, decimal Analysis, decimal Other);

public sealed record TokensDto(long LlmPrompt, long LlmCompletion, long TtsCharacters);

public sealed record KeyedUsageDto(string? Key, long Calls, decimal Cost);

public sealed record SuccessEvaluationDto(long Passed, long Failed, long Unknown);

/// <param name="Start">The bucket's first local instant, ISO 8601 with the zone's offset then.</param>
public sealed record SeriesEntryDto(
    string Start, long Calls, decimal Minutes, decimal Cost, decimal BillableMinutes, decimal Revenue, decimal Margin, decimal? MarginPercent);

/// <summary>Calls that lasted [fromSeconds, toSeconds); toSeconds is null for the last band.</summary>
public sealed record DurationBandDto(int FromSeconds, int? ToSeconds, long Calls);

public sealed record DailyUsageDto(
    string Date, long Calls, decimal Minutes, decimal Cost, decimal BillableMinutes, decimal Revenue, decimal Margin, decimal? MarginPercent);

public sealed record AgentUsageDto(
    Guid AgentId, string Name, bool IsActive, long Calls, decimal Minutes, decimal Cost,
    decimal BillableMinutes, decimal Revenue, decimal Margin, decimal? MarginPercent, Guid? ClientId);

/// <summary>One client's agents together (a call shared by two of them counts once); <c>clientId</c> null for agents without a client.</summary>
public sealed record ClientUsageDto(
    Guid? ClientId, string Name, long Calls, decimal Minutes, decimal Cost, decimal BillableMinutes, decimal Revenue, decimal Margin, decimal? MarginPercent);

public sealed record PreviousPeriodDto(string StartDate, string EndDate, long Calls, decimal Minutes, decimal Cost);

/// <summary>Percent change against the previous period; null where the previous value is 0.</summary>
public sealed record ChangeDto(decimal? Calls, decimal? Minutes, decimal? Cost);
