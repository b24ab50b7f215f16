using VapiAgents.VapiSimulator.Data;

namespace VapiAgents.VapiSimulator.Truth;

/// <summary>Adds up <see cref="CallFacts"/> into a <see cref="CallTruth"/>.</summary>
internal static class TruthCalculator
{
    public static CallTruth Compute(IReadOnlyCollection<StoredCall> calls)
    {
        var facts = calls.Select(call => call.Facts).ToList();
        return new CallTruth(
            Calls: calls.Count,
            InProgress: facts.Count(fact => fact.IsLive),
            Cost: Sum(facts, fact => fact.Cost),
            DurationSeconds: facts.Sum(fact => fact.DurationMs) / 1000m,
            CostBreakdown: new CostBreakdownTruth(
                Transport: Sum(facts, fact => fact.Transport),
                Stt: Sum(facts, fact => fact.Stt),
                Llm: Sum(facts, fact => fact.Llm),
                Tts: Sum(facts, fact => fact.Tts),
                Vapi: Sum(facts, fact => fact.Vapi),
                Analysis: Sum(facts, fact => fact.Analysis)),
            LlmPromptTokens: facts.Sum(fact => fact.LlmPromptTokens),
            LlmCompletionTokens: facts.Sum(fact => fact.LlmCompletionTokens),
            TtsCharacters: facts.Sum(fact => fact.TtsCharacters),
            SuccessEvaluation: new SuccessEvaluationCounts(
                Passed: facts.Count(fact => fact.Success == SuccessOutcome.Passed),
                Failed: facts.Count(fact => fact.Success == SuccessOutcome.Failed),
                Unknown: facts.Count(fact => fact.Success == SuccessOutcome.Unknown)),
            ByDay: [.. calls
                .GroupBy(call => DateOnly.FromDateTime(IsoTime.FromUnixMs(call.CreatedAt).UtcDateTime))
                .OrderBy(group => group.Key)
                .Select(group => new DayTruth(group.Key, group.Count(), Sum(group, call => call.Facts.Cost)))],
            ByAssistant: [.. calls
                .GroupBy(call => call.AssistantId)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => new AssistantTruth(group.Key, group.Count(), Sum(group, call => call.Facts.Cost)))],
            ByEndedReason: [.. calls
                .GroupBy(call => call.Facts.EndedReason)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => new EndedReasonTruth(group.Key, group.Count(), Sum(group, call => call.Facts.Cost)))]);
    }

    /// <summary>An exact sum, written without trailing zeros (1.892085, not 1.89208500).</summary>
    private static decimal Sum<T>(IEnumerable<T> items, Func<T, decimal> amount) =>
        Decimals.WithoutTrailingZeros(items.Sum(amount));
}
