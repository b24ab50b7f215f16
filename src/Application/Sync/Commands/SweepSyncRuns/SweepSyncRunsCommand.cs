using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Usage;
using VapiAgents.Domain.Usage.Specifications;

namespace VapiAgents.Application.Sync.Commands.SweepSyncRuns;

/// <summary>
/// Finds queued and running runs that nothing will finish, and queues them again — or ends them <c>failed</c>
/// after <see cref="SyncOptions.MaxRequeues"/> re-queues. The run row, not the job store, says what is left to do.
/// </summary>
public sealed record SweepSyncRunsCommand : ICommand<SweepResult>;

/// <param name="Alive">Unfinished runs judged alive (waiting for a worker, or running under a renewed lease).</param>
public sealed record SweepResult(int Alive, int Requeued, int Ended);

/// <remarks>
/// A running run is alive while its lease is held and renewed; a queued run while its job waits in the job storage
/// or was picked up less than two leases ago. A run waiting behind a real backlog is alive and left alone. A queued
/// run with no job a sweep interval after it was queued lost its enqueue. Anything else
/// is dead: a job missing (a failed enqueue, a crash before enqueueing, in-memory storage lost on restart), failed,
/// deleted or ended without ending the run, or an executor whose lease lapsed. Several instances may sweep at once:
/// each change is written against the run's version, so one of them wins and the others skip the run.
/// </remarks>
public sealed class SweepSyncRunsCommandHandler(
    IRepository<SyncRun> runs,
    ISyncLeases leases,
    ISyncJobStates jobStates,
    ISyncJobQueue jobs,
    IAgentBookkeeping bookkeeping,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<SweepSyncRunsCommandHandler> logger) : ICommandHandler<SweepSyncRunsCommand, SweepResult>
{
    private const int Batch = 500;

    public async ValueTask<SweepResult> Handle(SweepSyncRunsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A run queued (or re-queued) within the last sweep interval is left to its queueing request or sweeper.
        var candidates = await runs.ListAsync(new UnfinishedRunsQueuedBeforeSpec(now - options.Value.SweepInterval, Batch), cancellationToken);
        if (candidates.Count == 0)
        {
            return new SweepResult(0, 0, 0);
        }

        // A lease lapsed by less than one more lease is given the benefit of the doubt (a starved renewal, not a
        // dead process): two leases is the bound's own allowance.
        var holders = await leases.LiveHoldersAsync(
            candidates.Select(r => r.AgentId).Distinct().ToList(), TimeSpan.FromSeconds(options.Value.LeaseSeconds), cancellationToken);
        int alive = 0, requeued = 0, ended = 0;
        foreach (var run in candidates)
        {
            if (IsAlive(run, holders, now))
            {
                alive++;
                continue;
            }

            switch (await ReviveAsync(run, now, cancellationToken))
            {
                case true:
                    requeued++;
                    break;
                case false:
                    ended++;
                    break;
            }
        }

        if (requeued + ended > 0)
        {
            logger.LogWarning("Sweep: {Requeued} sync run(s) queued again, {Ended} ended as never started or lost", requeued, ended);
        }

        return new SweepResult(alive, requeued, ended);
    }

    private bool IsAlive(SyncRun run, IReadOnlyDictionary<Guid, Guid> holders, DateTime now)
    {
        if (run.Status == SyncRunStatus.Running)
        {
            return holders.TryGetValue(run.AgentId, out var holder) && holder == run.Id;
        }

        // A queued run gets its job's id within moments (an inline run is claimed as fast); one still without a job
        // a sweep interval later lost its enqueue, or its process died before it.
        if (run.JobId is null)
        {
            return false;
        }

        var job = jobStates.StatusOf(run.JobId);
        return job.State switch
        {
            SyncJobState.Waiting => true,
            // A worker claims the run within moments of picking its job up; one that has not after two leases died.
            SyncJobState.Processing => now - (job.Since ?? run.LastQueuedAt) < TimeSpan.FromSeconds(options.Value.LeaseSeconds) * 2,
            _ => false,
        };
    }

    /// <returns>True when queued again, false when ended, null when another instance changed the run first.</returns>
    private async Task<bool?> ReviveAsync(SyncRun run, DateTime now, CancellationToken cancellationToken)
    {
        bool requeue;
        try
        {
            requeue = run.RequeueOrGiveUp(options.Value.MaxRequeues, now);
            await runs.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return null;
        }

        if (!requeue)
        {
            await leases.ReleaseAsync(run.AgentId, run.Id, cancellationToken);
            // Shown on the agent in plain words, with a Retry in the dashboard.
            await bookkeeping.UpdateAsync(run.AgentId, a => a.RecordSyncFailed(run.Error!, keyRejected: false, options.Value.PauseAfterKeyRejections), cancellationToken);
            return false;
        }

        // The run holds its agent again while its new job waits; if another run holds it, the job ends this one.
        await leases.TryHoldAsync(run.AgentId, run.Id, cancellationToken, options.Value.QueuedLease);
        try
        {
            run.AssignJob(jobs.EnqueueRun(run.Id));
            await runs.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Its new job claimed the run already.
        }

        return true;
    }
}
