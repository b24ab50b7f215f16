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
            Cost: facts.Sum(fact => fact.Cost),
            DurationSeconds: facts.Sum(fact => fact.DurationMs) / 1000m,
            CostBreakdown: new CostBreakdownTruth(
                Transport: facts.Sum(fact => fact.Transport),
                Stt: facts.Sum(fact => fact.Stt),
                Llm: facts.Sum(fact => fact.Llm),
                Tts: facts.Sum(fact => fact.Tts),
                Vapi: facts.Sum(fact => fact.Vapi),
                Analysis: facts.Sum(fact => fact.Analysis)),
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
                .Select(group => new DayTruth(group.Key, group.Count(), group.Sum(call => call.Facts.Cost)))],
            ByAssistant: [.. calls
                .GroupBy(call => call.AssistantId)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => new AssistantTruth(group.Key, group.Count(), group.Sum(call => call.Facts.Cost)))],
            ByEndedReason: [.. calls
                .GroupBy(call => call.Facts.EndedReason)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => new EndedReasonTruth(group.Key, group.Count(), group.Sum(call => call.Facts.Cost)))]);
    }
}
