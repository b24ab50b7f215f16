using VapiAgents.Application.Metrics;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Usage.Schema;

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
        var cost = sign * UsageMeasures.Cost.Of(facts);
        Sums.Add(facts, sign);

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
        Sums.Add(rollup.ToSums(), sign);
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
        rollup.Add(Sums);
        var breakdown = BreakdownBlob.Decode(rollup.Breakdown);
        foreach (var (key, (calls, cost)) in Breakdown)
        {
            breakdown.TryGetValue(key, out var sum);
            breakdown[key] = (sum.Calls + calls, sum.Cost + cost);
        }

        rollup.Breakdown = BreakdownBlob.Encode(breakdown);
    }

    private void AddBreakdown(BreakdownBlob.Key key, long calls, long cost)
    {
        Breakdown.TryGetValue(key, out var sum);
        Breakdown[key] = (sum.Calls + calls, sum.Cost + cost);
    }
}
