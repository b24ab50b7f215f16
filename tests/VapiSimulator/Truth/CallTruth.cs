namespace VapiAgents.VapiSimulator.Truth;

/// <summary>
/// Ground truth over a set of calls, exact to the last decimal. Definitions:
/// <c>Calls</c> counts every call; <c>InProgress</c> those whose status is scheduled, queued,
/// ringing, in-progress or forwarding; money and token fields sum the call fields (a missing
/// field counts 0); <c>CostBreakdown.Analysis</c> sums analysisCostBreakdown's summary,
/// structuredData, successEvaluation and structuredOutput; <c>DurationSeconds</c> sums
/// endedAt − startedAt (0 when either is missing); <c>SuccessEvaluation</c> follows
/// <see cref="SuccessEvaluation.Classify"/>; <c>ByDay</c> groups by the UTC date of createdAt.
/// </summary>
public sealed record CallTruth(
    int Calls,
    int InProgress,
    decimal Cost,
    decimal DurationSeconds,
    CostBreakdownTruth CostBreakdown,
    long LlmPromptTokens,
    long LlmCompletionTokens,
    long TtsCharacters,
    SuccessEvaluationCounts SuccessEvaluation,
    IReadOnlyList<DayTruth> ByDay,
    IReadOnlyList<AssistantTruth> ByAssistant,
    IReadOnlyList<EndedReasonTruth> ByEndedReason);

public sealed record CostBreakdownTruth(decimal Transport, decimal Stt, decimal Llm, decimal Tts, decimal Vapi, decimal Analysis);

public sealed record SuccessEvaluationCounts(int Passed, int Failed, int Unknown);

public sealed record DayTruth(DateOnly Date, int Calls, decimal Cost);

/// <summary>A null <see cref="AssistantId"/> groups the calls without one (squad calls).</summary>
public sealed record AssistantTruth(string? AssistantId, int Calls, decimal Cost);

/// <summary>A null <see cref="EndedReason"/> groups the calls without one (not ended yet).</summary>
public sealed record EndedReasonTruth(string? EndedReason, int Calls, decimal Cost);
