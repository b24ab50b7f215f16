using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Metrics;

/// <summary>
/// One additive figure of usage (calls, a cost part, tokens, …): what it takes from a call and where it is kept. The
/// sums, the rollup rows, the call rows' money mapping, the per-call CSV and the test oracle all follow
/// <see cref="UsageMeasures.All"/>, so a new figure is one entry there plus its columns (ADR 032).
/// </summary>
public sealed class UsageMeasure
{
    private readonly Func<CallFacts, long> _ofCall;

    internal UsageMeasure(int index, string name, MeasureUnit unit, string? callColumn, SuccessOutcome? outcome, Func<CallFacts, long> ofCall)
    {
        (Index, Name, Unit, CallColumn, Outcome, _ofCall) = (index, name, unit, callColumn, outcome, ofCall);
    }

    /// <summary>Its place in <see cref="UsageMeasures.All"/>, and so in a <see cref="UsageSums"/>.</summary>
    public int Index { get; }

    public string Name { get; }

    public MeasureUnit Unit { get; }

    /// <summary>The call row's column this measure adds up; null for counts of calls (all of them, or those of one <see cref="Outcome"/>).</summary>
    public string? CallColumn { get; }

    /// <summary>For a count of calls by their success evaluation, the outcome counted.</summary>
    public SuccessOutcome? Outcome { get; }

    /// <summary>The rollup row's column. Money columns say that they hold units, not dollars.</summary>
    public string RollupColumn => Unit == MeasureUnit.Money ? Name + "Units" : Name;

    /// <summary>The name in JSON and CSV (camelCase).</summary>
    public string FieldName => char.ToLowerInvariant(Name[0]) + Name[1..];

    /// <summary>What one call adds to this measure (money in units).</summary>
    public long Of(CallFacts call) => _ofCall(call);

    /// <summary>A summed value as an answer shows it: money in dollars, anything else as counted.</summary>
    public decimal Display(long value) => Unit == MeasureUnit.Money ? Money.FromUnits(value) : value;

    public override string ToString() => Name;
}
