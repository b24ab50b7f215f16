using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Metrics;

/// <summary>
/// Sums over a set of calls, one per <see cref="UsageMeasure"/>: money in units of 1e-10 USD, durations in milliseconds,
/// all exact integers. Read one with <c>sums[UsageMeasures.Cost]</c>.
/// </summary>
public sealed class UsageSums
{
    private readonly long[] _values = new long[UsageMeasures.All.Count];

    public long this[UsageMeasure measure]
    {
        get => _values[measure.Index];
        set => _values[measure.Index] = value;
    }

    /// <summary>The sums in the order of <see cref="UsageMeasures.All"/> (what equality in the tests compares).</summary>
    public IReadOnlyList<long> Values => _values;

    public void Add(UsageSums other, long sign = 1)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            _values[i] += sign * other._values[i];
        }
    }

    /// <summary>Adds one call (or, with a sign of −1, takes it away).</summary>
    public void Add(CallFacts call, long sign = 1)
    {
        foreach (var measure in UsageMeasures.All)
        {
            _values[measure.Index] += sign * measure.Of(call);
        }
    }

    public override string ToString() => string.Join(", ", UsageMeasures.All.Select(m => $"{m.Name}={_values[m.Index]}"));
}
