using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Metrics;

/// <summary>
/// Every usage measure, defined once. A rollup row has a column per measure (<see cref="UsageMeasure.RollupColumn"/>),
/// a call row one per measure with a <see cref="UsageMeasure.CallColumn"/>; a test holds both to this list.
/// </summary>
public static class UsageMeasures
{
    // Declared first: the fields below add themselves to it as they are initialised, in this order.
    private static readonly List<UsageMeasure> Defined = [];

    public static readonly UsageMeasure Calls = Define("Calls", MeasureUnit.Count, null, null, _ => 1);
    public static readonly UsageMeasure DurationMs = Define("DurationMs", MeasureUnit.Milliseconds, nameof(CallUsage.DurationMs), null, c => c.DurationMs);
    public static readonly UsageMeasure Cost = Money("Cost", nameof(CallUsage.Cost), c => c.Cost);
    public static readonly UsageMeasure Transport = Money("Transport", nameof(CallUsage.CostTransport), c => c.Parts.Transport);
    public static readonly UsageMeasure Stt = Money("Stt", nameof(CallUsage.CostStt), c => c.Parts.Stt);
    public static readonly UsageMeasure Llm = Money("Llm", nameof(CallUsage.CostLlm), c => c.Parts.Llm);
    public static readonly UsageMeasure Tts = Money("Tts", nameof(CallUsage.CostTts), c => c.Parts.Tts);
    public static readonly UsageMeasure Vapi = Money("Vapi", nameof(CallUsage.CostVapi), c => c.Parts.Vapi);
    public static readonly UsageMeasure Analysis = Money("Analysis", nameof(CallUsage.CostAnalysis), c => c.Parts.Analysis);
    public static readonly UsageMeasure Other = Money("Other", nameof(CallUsage.CostOther), c => c.OtherCost);
    public static readonly UsageMeasure LlmPromptTokens = Define("LlmPromptTokens", MeasureUnit.Count, nameof(CallUsage.LlmPromptTokens), null, c => c.LlmPromptTokens);
    public static readonly UsageMeasure LlmCompletionTokens = Define("LlmCompletionTokens", MeasureUnit.Count, nameof(CallUsage.LlmCompletionTokens), null, c => c.LlmCompletionTokens);
    public static readonly UsageMeasure TtsCharacters = Define("TtsCharacters", MeasureUnit.Count, nameof(CallUsage.TtsCharacters), null, c => c.TtsCharacters);
    public static readonly UsageMeasure BillableSeconds = Define("BillableSeconds", MeasureUnit.Seconds, nameof(CallUsage.BillableSeconds), null, c => c.BillableSeconds);
    public static readonly UsageMeasure Revenue = Money("Revenue", nameof(CallUsage.Revenue), c => c.Revenue);
    public static readonly UsageMeasure Passed = Outcome("Passed", SuccessOutcome.Passed);
    public static readonly UsageMeasure Failed = Outcome("Failed", SuccessOutcome.Failed);
    public static readonly UsageMeasure UnknownSuccess = Outcome("UnknownSuccess", SuccessOutcome.Unknown);

    public static IReadOnlyList<UsageMeasure> All => Defined;

    /// <summary>What a day, an agent or a previous period shows (<see cref="UsageBrief"/>), in its order.</summary>
    public static IReadOnlyList<UsageMeasure> Brief { get; } = [Calls, DurationMs, Cost, BillableSeconds, Revenue];

    /// <summary>The measures one call carries as a figure of its own (the per-call CSV's columns); the duration shows in seconds elsewhere.</summary>
    public static IReadOnlyList<UsageMeasure> PerCall { get; } = [.. Defined.Where(m => m.CallColumn is not null && m != DurationMs)];

    private static UsageMeasure Define(string name, MeasureUnit unit, string? callColumn, SuccessOutcome? outcome, Func<CallFacts, long> ofCall)
    {
        var measure = new UsageMeasure(Defined.Count, name, unit, callColumn, outcome, ofCall);
        Defined.Add(measure);
        return measure;
    }

    private static UsageMeasure Money(string name, string callColumn, Func<CallFacts, decimal> ofCall) =>
        Define(name, MeasureUnit.Money, callColumn, null, c => Domain.Usage.Money.ToUnits(ofCall(c)));

    private static UsageMeasure Outcome(string name, SuccessOutcome outcome) =>
        Define(name, MeasureUnit.Count, null, outcome, c => c.SuccessOutcome == outcome ? 1 : 0);
}
