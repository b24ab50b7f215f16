namespace VapiAgents.Infrastructure.Usage;

/// <summary>The breakdowns rollups keep: calls and cost per value of each.</summary>
public enum BreakdownDimension : byte
{
    EndedReason = 1,
    Type = 2,
    Status = 3,
}
