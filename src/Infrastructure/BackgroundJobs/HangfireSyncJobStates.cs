using Hangfire;
using Hangfire.States;
using VapiAgents.Application.Sync;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>Reads a job's current state from this host's job storage (the sweeper's question: will it still run?).</summary>
public sealed class HangfireSyncJobStates(JobStorage storage) : ISyncJobStates
{
    public SyncJobState StateOf(string jobId)
    {
        using var connection = storage.GetConnection();
        var name = connection.GetStateData(jobId)?.Name;
        if (name is null)
        {
            return SyncJobState.Missing;
        }

        if (Is(name, EnqueuedState.StateName) || Is(name, ScheduledState.StateName) || Is(name, AwaitingState.StateName))
        {
            return SyncJobState.Waiting;
        }

        if (Is(name, ProcessingState.StateName))
        {
            return SyncJobState.Processing;
        }

        return Is(name, SucceededState.StateName) || Is(name, FailedState.StateName) ? SyncJobState.Ended : SyncJobState.Missing;
    }

    private static bool Is(string name, string state) => string.Equals(name, state, StringComparison.OrdinalIgnoreCase);
}
