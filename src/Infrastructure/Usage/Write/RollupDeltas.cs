using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Usage.Schema;

namespace VapiAgents.Infrastructure.Usage.Write;

/// <summary>
/// What one batch adds to and takes from the rollups, gathered in memory and applied once. Every change to a set's
/// rollups is made to the user's every-agent set too, when the user has one (ADR 031).
/// </summary>
internal sealed class RollupDeltas(long? everyAgentSet = null)
{
    public const long HourMs = 3_600_000;
    public const long DayMs = 86_400_000;

    private readonly Dictionary<(long SetId, RollupGranularity Granularity, long Bucket), UsageTally> _deltas = [];

    public IReadOnlyDictionary<(long SetId, RollupGranularity Granularity, long Bucket), UsageTally> All => _deltas;

    public static long Bucket(DateTime utc, long size)
    {
        var ms = new DateTimeOffset(utc).ToUnixTimeMilliseconds();
        return ms - ((ms % size) + size) % size;
    }

    /// <param name="sign">+1 to add a call's facts, −1 to take them away.</param>
    public void Add(long setId, CallFacts facts, (int Reason, int Type, int Status) keys, int sign)
    {
        AddTo(setId, facts, keys, sign);
        if (everyAgentSet is { } whole)
        {
            AddTo(whole, facts, keys, sign);
        }
    }

    private void AddTo(long setId, CallFacts facts, (int Reason, int Type, int Status) keys, int sign)
    {
        Get(setId, RollupGranularity.Hour, Bucket(facts.CreatedAt, HourMs)).Add(facts, keys, sign);
        Get(setId, RollupGranularity.Day, Bucket(facts.CreatedAt, DayMs)).Add(facts, keys, sign);
    }

    private UsageTally Get(long setId, RollupGranularity granularity, long bucket)
    {
        var key = (setId, granularity, bucket);
        if (!_deltas.TryGetValue(key, out var delta))
        {
            _deltas[key] = delta = new UsageTally();
        }

        return delta;
    }
}
