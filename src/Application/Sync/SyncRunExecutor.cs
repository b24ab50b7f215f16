using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Common.Telemetry;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Sync;

/// <summary>How a run ended: the run, and the failure that ended it (null when it succeeded or was partial).</summary>
public sealed record SyncOutcome(SyncRun Run, Exception? Failure);

/// <summary>
/// The one path that executes a queued run, inline (<c>wait: true</c>, the schedule) or from its background job:
/// claims the run, pumps its pages while the agent's lease renews itself, and ends the run and the agent's sync
/// state. The run's transitions are the entity's; every write is checked against the run's version, so an executor
/// that the sweeper gave up on (it stalled past its lease) can no longer change the run.
/// </summary>
public sealed class SyncRunExecutor(
    IRepository<SyncRun> runs,
    IAgentBookkeeping bookkeeping,
    ISecretProtector protector,
    SyncPagePipeline pipeline,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    VapiAgentsTelemetry telemetry,
    Alerts.AlertTrigger alerts,
    ILogger<SyncRunExecutor> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Executes the run; the lease is handed over by the caller, and released (or abandoned) here.</summary>
    public async Task<SyncOutcome> ExecuteAsync(SyncRun run, VapiAgent agent, SyncLeaseHandle lease, CancellationToken cancellationToken)
    {
        try
        {
            run.Start(Now);
            await runs.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // A duplicate job of the same run claimed it first and holds the same lease: leave both to it.
            logger.LogInformation("Sync {RunId} was claimed by another executor; this one stands down", run.Id);
            await lease.AbandonAsync();
            return new SyncOutcome(run, null);
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }

        return await PumpAndEndAsync(run, agent, lease, cancellationToken);
    }

    /// <summary>
    /// Ends a run that could not start (its agent gone, the lease held by another run, an error on the way). The
    /// agent's sync state is left alone: another run may be syncing it right now.
    /// </summary>
    public async Task<SyncOutcome> EndBeforeStartAsync(SyncRun run, string error, CancellationToken cancellationToken)
    {
        run.Fail(error, Now);
        await runs.SaveChangesAsync(cancellationToken);
        return new SyncOutcome(run, null);
    }

    private async Task<SyncOutcome> PumpAndEndAsync(SyncRun run, VapiAgent agent, SyncLeaseHandle lease, CancellationToken cancellationToken)
    {
        // One span per run: ids, trigger and counts only — never the key.
        using var span = VapiAgentsTelemetry.Source.StartActivity("sync.run");
        span?.SetTag("vapiagents.agent.id", agent.Id.ToString());
        span?.SetTag("vapiagents.sync.run.id", run.Id.ToString());
        span?.SetTag("vapiagents.sync.trigger", Lower(run.Trigger));
        span?.SetTag("vapiagents.sync.mode", Lower(run.Mode));
        var started = Stopwatch.GetTimestamp();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        Exception? failure = null;
        string? org = null;
        try
        {
            await bookkeeping.UpdateAsync(agent.Id, a => a.RecordSyncStarted(), cancellationToken);
            var apiKey = protector.Unseal(agent.ApiKey!, SecretPurpose.VapiApiKey, agent.Id);
            org = await pipeline.RunAsync(run, agent, apiKey, runs.SaveChangesAsync, work.Token);
            run.Complete(Now);
        }
        catch (Exception exception) when (exception is VapiKeyRejectedException or VapiUnavailableException or SecretUnsealException)
        {
            failure = exception;
            run.Fail(exception.Message, Now);
        }
        catch (Exception exception) when (lease.Lost.IsCancellationRequested || exception is ConcurrencyConflictException)
        {
            // The sweeper judged this executor dead and queued the run again: the new executor owns the run now.
            logger.LogWarning("Sync {RunId} of agent {AgentId} lost its lease and stood down", run.Id, run.AgentId);
            await lease.AbandonAsync();
            return new SyncOutcome(run, new SyncLeaseLostException());
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            failure = exception;
            run.Fail("The sync was stopped before it finished (the server was shutting down); the next sync completes it.", Now);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Sync {RunId} of agent {AgentId} failed unexpectedly", run.Id, run.AgentId);
            failure = exception;
            run.Fail("The sync stopped on an unexpected error; the next sync completes it.", Now);
        }

        // The agent's sync state first, then the lease, then the run's end: once a run shows it has ended, its
        // agent is free for the next sync. Recorded even when the caller gave up waiting; a step that fails is
        // left to the sweeper (the lease expires, the run is re-queued, and the upserts make the re-run harmless).
        await BestEffortAsync(() => RecordOnAgentAsync(run, failure, org), run);
        await lease.DisposeAsync();
        await BestEffortAsync(() => runs.SaveChangesAsync(CancellationToken.None), run);
        telemetry.RecordSyncRun(span, Lower(run.Trigger), Lower(run.Status), run.Pages, run.Fetched, Stopwatch.GetElapsedTime(started));

        // Alerts follow what the run changed (spend, a failing streak), before a waiting caller hears it ended.
        if (failure is not null || run.Created + run.Updated > 0)
        {
            await alerts.AfterSyncAsync(run.UserId, CancellationToken.None);
        }

        return new SyncOutcome(run, failure);
    }

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private async Task<bool> BestEffortAsync(Func<Task> step, SyncRun run)
    {
        try
        {
            await step();
            return true;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Ending sync {RunId} of agent {AgentId} did not complete; the sweeper ends it", run.Id, run.AgentId);
            return false;
        }
    }

    private Task RecordOnAgentAsync(SyncRun run, Exception? failure, string? org)
    {
        var now = Now;
        return failure is null
            ? bookkeeping.UpdateAsync(run.AgentId, a =>
            {
                a.RecordSyncSucceeded(now, run.Mode == SyncMode.Incremental ? run.WindowEnd : null, run.Status == SyncRunStatus.Partial, run.Error);
                a.RecordOrg(org);
            }, CancellationToken.None)
            : bookkeeping.UpdateAsync(run.AgentId, a => a.RecordSyncFailed(
                run.Error ?? "The sync failed.", failure is VapiKeyRejectedException, options.Value.PauseAfterKeyRejections), CancellationToken.None);
    }
}

/// <summary>The run's lease expired and another run took the agent (this process stalled past the lease).</summary>
public sealed class SyncLeaseLostException()
    : Exception("This sync lost its lease on the agent (it stalled for longer than the lease) and stopped; another sync took over.");
