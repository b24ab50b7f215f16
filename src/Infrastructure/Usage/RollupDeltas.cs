using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence.ReadModel;

namespace VapiAgents.Infrastructure.Usage;

/// <summary>What one batch adds to and takes from the rollups, gathered in memory and applied once.</summary>
internal sealed class RollupDeltas
{
    public const long HourMs = 3_600_000;
    public const long DayMs = 86_400_000;

    private readonly Dictionary<(long SetId, RollupGranularity Granularity, long Bucket), Delta> _deltas = [];

    public IReadOnlyDictionary<(long SetId, RollupGranularity Granularity, long Bucket), Delta> All => _deltas;

    public static long Bucket(DateTime utc, long size)
    {
        var ms = new DateTimeOffset(utc).ToUnixTimeMilliseconds();
        return ms - ((ms % size) + size) % size;
    }

    /// <param name="sign">+1 to add a call's facts, −1 to take them away.</param>
    public void Add(long setId, CallFacts facts, (int Reason, int Type, int Status) keys, int sign)
    {
        Get(setId, RollupGranularity.Hour, Bucket(facts.CreatedAt, HourMs)).Add(facts, keys, sign);
        Get(setId, RollupGranularity.Day, Bucket(facts.CreatedAt, DayMs)).Add(facts, keys, sign);
    }

    private Delta Get(long setId, RollupGranularity granularity, long bucket)
    {
        var key = (setId, granularity, bucket);
        if (!_deltas.TryGetValue(key, out var delta))
        {
            _deltas[key] = delta = new Delta();
        }

        return delta;
    }

    internal sealed class Delta
    {
        public long Calls, DurationMs, Cost, Transport, Stt, Llm, Tts, Vapi, Analysis, Other;
        public long LlmPromptTokens, LlmCompletionTokens, TtsCharacters, Passed, Failed, UnknownSuccess;
        public readonly Dictionary<BreakdownBlob.Key, (long Calls, long Cost)> Breakdown = [];

        public void Add(CallFacts facts, (int Reason, int Type, int Status) keys, int sign)
        {
            var cost = sign * Money.ToUnits(facts.Cost);
            Calls += sign;
            DurationMs += sign * facts.DurationMs;
            Cost += cost;
            Transport += sign * Money.ToUnits(facts.Parts.Transport);
            Stt += sign * Money.ToUnits(facts.Parts.Stt);
            Llm += sign * Money.ToUnits(facts.Parts.Llm);
            Tts += sign * Money.ToUnits(facts.Parts.Tts);
            Vapi += sign * Money.ToUnits(facts.Parts.Vapi);
            Analysis += sign * Money.ToUnits(facts.Parts.Analysis);
            Other += sign * Money.ToUnits(facts.OtherCost);
            LlmPromptTokens += sign * facts.LlmPromptTokens;
            LlmCompletionTokens += sign * facts.LlmCompletionTokens;
            TtsCharacters += sign * facts.TtsCharacters;
            switch (facts.SuccessOutcome)
            {
                case SuccessOutcome.Passed: Passed += sign; break;
                case SuccessOutcome.Failed: Failed += sign; break;
                default: UnknownSuccess += sign; break;
            }

            AddBreakdown(BreakdownDimension.EndedReason, keys.Reason, sign, cost);
            AddBreakdown(BreakdownDimension.Type, keys.Type, sign, cost);
            AddBreakdown(BreakdownDimension.Status, keys.Status, sign, cost);
        }

        public void ApplyTo(UsageRollup rollup)
        {
            rollup.Calls += Calls;
            rollup.DurationMs += DurationMs;
            rollup.CostUnits += Cost;
            rollup.TransportUnits += Transport;
            rollup.SttUnits += Stt;
            rollup.LlmUnits += Llm;
            rollup.TtsUnits += Tts;
            rollup.VapiUnits += Vapi;
            rollup.AnalysisUnits += Analysis;
            rollup.OtherUnits += Other;
            rollup.LlmPromptTokens += LlmPromptTokens;
            rollup.LlmCompletionTokens += LlmCompletionTokens;
            rollup.TtsCharacters += TtsCharacters;
            rollup.Passed += Passed;
            rollup.Failed += Failed;
            rollup.UnknownSuccess += UnknownSuccess;
            var breakdown = BreakdownBlob.Decode(rollup.Breakdown);
            foreach (var (key, (calls, cost)) in Breakdown)
            {
                breakdown.TryGetValue(key, out var sum);
                breakdown[key] = (sum.Calls + calls, sum.Cost + cost);
            }

            rollup.Breakdown = BreakdownBlob.Encode(breakdown);
        }

        private void AddBreakdown(BreakdownDimension dimension, int keyId, int sign, long cost)
        {
            var key = new BreakdownBlob.Key(dimension, keyId);
            Breakdown.TryGetValue(key, out var sum);
            Breakdown[key] = (sum.Calls + sign, sum.Cost + cost);
        }
    }
}
