namespace VapiAgents.Infrastructure.Usage.Schema;

/// <summary>Interned breakdown keys (ended reasons, call types, statuses), so rollups store small ids.</summary>
public sealed class UsageKey
{
    public int Id { get; set; }
    public byte Dimension { get; set; }
    public string Value { get; set; } = "";

    /// <summary>The agent whose call brought the value in (no foreign key: keys outlive agents); null for keys stored before the cap.</summary>
    public Guid? AgentId { get; set; }

    /// <summary>The UTC day it was stored: an agent's keys of one day count against its daily cap (ADR 030).</summary>
    public DateOnly? IntroducedOn { get; set; }
}
