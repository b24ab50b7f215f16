namespace VapiAgents.Application.Sync;

/// <param name="Since">When the job entered its state (known for <see cref="SyncJobState.Processing"/>).</param>
public sealed record SyncJobStatus(SyncJobState State, DateTime? Since = null);
