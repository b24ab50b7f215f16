namespace VapiAgents.Infrastructure.Sync;

/// <summary>The lease that keeps one sync per agent at a time, across processes; it expires if its holder dies.</summary>
public sealed class SyncLease
{
    public Guid AgentId { get; set; }
    public Guid RunId { get; set; }
    public string Holder { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
}
