namespace VapiAgents.Infrastructure.Usage.Schema;

/// <summary>The breakdowns rollups keep: calls and cost per value of each.</summary>
public enum BreakdownDimension : byte
{
    EndedReason = 1,
    Type = 2,
    Status = 3,

    /// <summary>Calls per call-length band: the key is the band's number (<see cref="Application.Metrics.DurationBands"/>), not an interned value.</summary>
    DurationBand = 4,
}
