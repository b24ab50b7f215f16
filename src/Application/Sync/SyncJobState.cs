namespace VapiAgents.Application.Sync;

public enum SyncJobState
{
    /// <summary>Unknown to the storage (never enqueued, or lost with an in-memory storage), deleted or expired.</summary>
    Missing,

    /// <summary>Waiting to be picked up (enqueued, scheduled or awaiting).</summary>
    Waiting,

    /// <summary>Picked up by a worker.</summary>
    Processing,

    /// <summary>Ended (succeeded or failed) in the job storage.</summary>
    Ended,
}
