namespace VapiAgents.Domain.Agents;

/// <summary>How an agent's last sync ended, as shown on the agent.</summary>
public enum AgentSyncStatus
{
    Running,
    Succeeded,
    Partial,
    Failed,

    /// <summary>Vapi rejected the key several times in a row; scheduled syncs skip the agent until its key changes.</summary>
    Paused,
}
