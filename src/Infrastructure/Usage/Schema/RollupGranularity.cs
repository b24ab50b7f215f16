namespace VapiAgents.Infrastructure.Usage.Schema;

/// <summary>The size of a rollup bucket: a UTC hour or a UTC day (stored as a byte in the rollup's key).</summary>
public enum RollupGranularity : byte
{
    Hour = 1,
    Day = 2,
}
