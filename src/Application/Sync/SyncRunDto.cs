using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Sync;

/// <summary>A sync run as the API shows it; counts grow while it runs.</summary>
/// <param name="Requeues">Times the run was queued again after its job or the process running it was lost.</param>
/// <param name="SaturatedWindows">Instants holding a full page of calls Vapi cannot list past (the run is then partial).</param>
public sealed record SyncRunDto(
    Guid Id,
    Guid AgentId,
    SyncTrigger Trigger,
    SyncMode Mode,
    SyncRunStatus Status,
    DateTime WindowStart,
    DateTime WindowEnd,
    int Fetched,
    int Created,
    int Updated,
    int Pages,
    int SaturatedWindows,
    int Skipped,
    DateTime QueuedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    string? Error,
    int Requeues);

public sealed record SyncRunResponse(SyncRunDto Sync);

public sealed record SyncRunListResponse(IReadOnlyList<SyncRunDto> Syncs);
