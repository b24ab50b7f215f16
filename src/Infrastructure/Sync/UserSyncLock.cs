namespace VapiAgents.Infrastructure.Sync;

/// <summary>One row per user, locked by each batch of the user's sync writes so that concurrent syncs of different agents see each other's copies.</summary>
public sealed class UserSyncLock
{
    public string UserId { get; set; } = "";
    public long Version { get; set; }
}
