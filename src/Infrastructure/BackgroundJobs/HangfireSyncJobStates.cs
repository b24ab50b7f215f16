using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using VapiAgents.Application.Sync;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>Reads a job's current state from this host's job storage (the sweeper's question: will it still run?).</summary>
public sealed class HangfireSyncJobStates(JobStorage storage) : ISyncJobStates
{
    public SyncJobStatus StatusOf(string jobId)
    {
        using var connection = storage.GetConnection();
        var state = connection.GetStateData(jobId);
        var name = state?.Name;
        if (name is null)
        {
            return new SyncJobStatus(SyncJobState.Missing);
        }

        if (Is(name, EnqueuedState.StateName) || Is(name, ScheduledState.StateName) || Is(name, AwaitingState.StateName))
        {
            return new SyncJobStatus(SyncJobState.Waiting);
        }

        if (Is(name, ProcessingState.StateName))
        {
            var startedAt = state!.Data is { } data && data.TryGetValue("StartedAt", out var value) ? JobHelper.DeserializeNullableDateTime(value) : null;
            return new SyncJobStatus(SyncJobState.Processing, startedAt);
        }

        return new SyncJobStatus(Is(name, SucceededState.StateName) || Is(name, FailedState.StateName) ? SyncJobState.Ended : SyncJobState.Missing);
    }

    private static bool Is(string name, string state) => string.Equals(name, state, StringComparison.OrdinalIgnoreCase);
}
