namespace VapiAgents.Infrastructure.Persistence.ReadModel;

/// <summary>
/// Pre-added usage of one agent set over one UTC hour or day, kept in step with the call rows by the sync
/// (same transaction). Money is in units of 1e-10 USD (<see cref="Domain.Usage.Money"/>) so sums stay exact
/// integers. Call rows remain the source of truth; the rollups can be rebuilt from them.
/// </summary>
public sealed class UsageRollup
{
    public long AgentSetId { get; set; }
    public RollupGranularity Granularity { get; set; }
    public long BucketStartMs { get; set; }
    public string UserId { get; set; } = "";
    public long Calls { get; set; }
    public long DurationMs { get; set; }
    public long CostUnits { get; set; }
    public long TransportUnits { get; set; }
    public long SttUnits { get; set; }
    public long LlmUnits { get; set; }
    public long TtsUnits { get; set; }
    public long VapiUnits { get; set; }
    public long AnalysisUnits { get; set; }
    public long OtherUnits { get; set; }
    public long LlmPromptTokens { get; set; }
    public long LlmCompletionTokens { get; set; }
    public long TtsCharacters { get; set; }
    public long Passed { get; set; }
    public long Failed { get; set; }
    public long UnknownSuccess { get; set; }
    public long BillableSeconds { get; set; }
    public long RevenueUnits { get; set; }

    /// <summary>Calls and cost per ended reason, type and status (<see cref="Usage.BreakdownBlob"/>).</summary>
    public byte[] Breakdown { get; set; } = [];
}
