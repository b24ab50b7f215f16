using VapiAgents.Application.Metrics;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence.ReadModel;

namespace VapiAgents.Infrastructure.Usage;

/// <summary>
/// Sums of calls with their breakdowns, added to (or taken from) one call or one rollup at a time:
/// what a rollup row holds, and what a read adds up.
/// </summary>
internal sealed class UsageTally
{
    public UsageSums Sums { get; } = new();

    public Dictionary<BreakdownBlob.Key, (long Calls, long Cost)> Breakdown { get; } = [];

    public void Add(CallFacts facts, (int Reason, int Type, int Status) keys, int sign)
    {
        var cost = sign * Money.ToUnits(facts.Cost);
        Sums.Calls += sign;
        Sums.DurationMs += sign * facts.DurationMs;
        Sums.Cost += cost;
        Sums.Transport += sign * Money.ToUnits(facts.Parts.Transport);
        Sums.Stt += sign * Money.ToUnits(facts.Parts.Stt);
        Sums.Llm += sign * Money.ToUnits(facts.Parts.Llm);
        Sums.Tts += sign * Money.ToUnits(facts.Parts.Tts);
        Sums.Vapi += sign * Money.ToUnits(facts.Parts.Vapi);
        Sums.Analysis += sign * Money.ToUnits(facts.Parts.Analysis);
        Sums.Other += sign * Money.ToUnits(facts.OtherCost);
        Sums.LlmPromptTokens += sign * facts.LlmPromptTokens;
        Sums.LlmCompletionTokens += sign * facts.LlmCompletionTokens;
        Sums.TtsCharacters += sign * facts.TtsCharacters;
        Sums.BillableSeconds += sign * facts.BillableSeconds;
        Sums.Revenue += sign * Money.ToUnits(facts.Revenue);
        switch (facts.SuccessOutcome)
        {
            case SuccessOutcome.Passed: Sums.Passed += sign; break;
            case SuccessOutcome.Failed: Sums.Failed += sign; break;
            default: Sums.UnknownSuccess += sign; break;
        }

        AddBreakdown(new BreakdownBlob.Key(BreakdownDimension.EndedReason, keys.Reason), sign, cost);
        AddBreakdown(new BreakdownBlob.Key(BreakdownDimension.Type, keys.Type), sign, cost);
        AddBreakdown(new BreakdownBlob.Key(BreakdownDimension.Status, keys.Status), sign, cost);
        if (DurationBands.Of(facts) is var band and > 0)
        {
            AddBreakdown(new BreakdownBlob.Key(BreakdownDimension.DurationBand, band), sign, cost);
        }
    }

    public void Add(UsageRollup rollup, int sign)
    {
        Sums.Add(ToSums(rollup), sign);
        BreakdownBlob.AddTo(Breakdown, rollup.Breakdown, sign);
    }

    public void Add(UsageTally other, int sign = 1)
    {
        Sums.Add(other.Sums, sign);
        foreach (var (key, value) in other.Breakdown)
        {
            AddBreakdown(key, sign * value.Calls, sign * value.Cost);
        }
    }

    /// <summary>Adds this tally into a stored rollup row.</summary>
    public void ApplyTo(UsageRollup rollup)
    {
        rollup.Calls += Sums.Calls;
        rollup.DurationMs += Sums.DurationMs;
        rollup.CostUnits += Sums.Cost;
        rollup.TransportUnits += Sums.Transport;
        rollup.SttUnits += Sums.Stt;
        rollup.LlmUnits += Sums.Llm;
        rollup.TtsUnits += Sums.Tts;
        rollup.VapiUnits += Sums.Vapi;
        rollup.AnalysisUnits += Sums.Analysis;
        rollup.OtherUnits += Sums.Other;
        rollup.LlmPromptTokens += Sums.LlmPromptTokens;
        rollup.LlmCompletionTokens += Sums.LlmCompletionTokens;
        rollup.TtsCharacters += Sums.TtsCharacters;
        rollup.Passed += Sums.Passed;
        rollup.Failed += Sums.Failed;
        rollup.UnknownSuccess += Sums.UnknownSuccess;
        rollup.BillableSeconds += Sums.BillableSeconds;
        rollup.RevenueUnits += Sums.Revenue;
        var breakdown = BreakdownBlob.Decode(rollup.Breakdown);
        foreach (var (key, (calls, cost)) in Breakdown)
        {
            breakdown.TryGetValue(key, out var sum);
            breakdown[key] = (sum.Calls + calls, sum.Cost + cost);
        }

        rollup.Breakdown = BreakdownBlob.Encode(breakdown);
    }

    public static UsageSums ToSums(UsageRollup rollup) => new()
    {
        Calls = rollup.Calls,
        DurationMs = rollup.DurationMs,
        Cost = rollup.CostUnits,
        Transport = rollup.TransportUnits,
        Stt = rollup.SttUnits,
        Llm = rollup.LlmUnits,
        Tts = rollup.TtsUnits,
        Vapi = rollup.VapiUnits,
        Analysis = rollup.AnalysisUnits,
        Other = rollup.OtherUnits,
        LlmPromptTokens = rollup.LlmPromptTokens,
        LlmCompletionTokens = rollup.LlmCompletionTokens,
        TtsCharacters = rollup.TtsCharacters,
        Passed = rollup.Passed,
        Failed = rollup.Failed,
        UnknownSuccess = rollup.UnknownSuccess,
        BillableSeconds = rollup.BillableSeconds,
        Revenue = rollup.RevenueUnits,
    };

    private void AddBreakdown(BreakdownBlob.Key key, long calls, long cost)
    {
        Breakdown.TryGetValue(key, out var sum);
        Breakdown[key] = (sum.Calls + calls, sum.Cost + cost);
    }
}
