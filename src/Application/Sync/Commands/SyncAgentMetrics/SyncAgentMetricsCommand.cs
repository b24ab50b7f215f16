using AutoMapper;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Time;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Usage;
using VapiAgents.Domain.Usage.Specifications;

namespace VapiAgents.Application.Sync.Commands.SyncAgentMetrics;

/// <summary>
/// Syncs one agent's calls from Vapi: with dates, the calls created in that range; without, the calls updated
/// since its last sync. Used by the route (manual), the schedule and webhooks alike.
/// </summary>
/// <param name="Wait">True: run now and answer when done. False: queue it and answer at once.</param>
public sealed record SyncAgentMetricsCommand(
    Guid AgentId,
    string? StartDate = null,
    string? EndDate = null,
    string? Timezone = null,
    bool Wait = true,
    SyncTrigger Trigger = SyncTrigger.Manual) : ICommand<SyncAgentMetricsResult>;

/// <param name="Started">False when a scheduled sync was skipped because another sync of the agent is running.</param>
public sealed record SyncAgentMetricsResult(SyncRunDto? Run, bool Started);

public sealed class SyncAgentMetricsCommandHandler(
    IReadRepository<VapiAgent> agents,
    IRepository<SyncRun> runs,
    ISyncLeases leases,
    ISyncJobQueue jobs,
    SyncRunExecutor executor,
    ICurrentUser currentUser,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<SyncAgentMetricsCommandHandler> logger,
    IMapper mapper) : ICommandHandler<SyncAgentMetricsCommand, SyncAgentMetricsResult>
{
    public async ValueTask<SyncAgentMetricsResult> Handle(SyncAgentMetricsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var agent = await LoadAgentAsync(command, cancellationToken);
        if (command.Trigger == SyncTrigger.Manual)
        {
            await EnforceRateLimitAsync(agent.UserId, now, cancellationToken);
        }

        var run = Queue(command, agent, now);
        var (lease, attempt) = await TakeLeaseAsync(command, agent, run, cancellationToken);
        if (!attempt.Held)
        {
            return command.Trigger == SyncTrigger.Manual
                ? throw new ConflictException($"A sync of this agent is already running (sync {attempt.HeldBy}).")
                : new SyncAgentMetricsResult(null, Started: false);
        }

        try
        {
            await runs.AddAsync(run, cancellationToken);
            if (attempt.Expired is { } interrupted)
            {
                await MarkInterruptedAsync(interrupted, cancellationToken);
            }
        }
        catch
        {
            if (lease is not null)
            {
                await lease.DisposeAsync();
            }
            else
            {
                await leases.ReleaseAsync(agent.Id, run.Id, CancellationToken.None);
            }

            throw;
        }

        if (lease is null)
        {
            // The run keeps its agent while its job waits; the job's executor takes the lease over.
            await EnqueueAsync(run, cancellationToken);
            return new SyncAgentMetricsResult(mapper.Map<SyncRunDto>(run), Started: true);
        }

        var outcome = await executor.ExecuteAsync(run, agent, lease, cancellationToken);
        if (command.Trigger == SyncTrigger.Manual && outcome.Failure is VapiKeyRejectedException or VapiUnavailableException)
        {
            throw new SyncFailedException(outcome.Run.Id, outcome.Failure);
        }

        return new SyncAgentMetricsResult(mapper.Map<SyncRunDto>(outcome.Run), Started: true);
    }

    private async Task EnqueueAsync(SyncRun run, CancellationToken cancellationToken)
    {
        try
        {
            run.AssignJob(jobs.EnqueueRun(run.Id));
            await runs.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // The job claimed the run before its id was written down: the run no longer needs it.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The run is committed, so it is not lost: the sweeper queues again a run left without a job.
            logger.LogWarning(exception, "Enqueueing sync {RunId} failed; the sweeper will queue it again", run.Id);
        }
    }

    /// <summary>
    /// The agent's lease for the new run: a renewing handle when the run executes now, a plain hold when it waits
    /// for its job (the job's executor takes it over).
    /// </summary>
    private async Task<(SyncLeaseHandle? Handle, LeaseAttempt Attempt)> TakeLeaseAsync(
        SyncAgentMetricsCommand command, VapiAgent agent, SyncRun run, CancellationToken cancellationToken) =>
        command.Wait
            ? await SyncLeaseHandle.TryTakeAsync(leases, agent.Id, run.Id, options.Value, logger, cancellationToken)
            : (null, await leases.TryHoldAsync(agent.Id, run.Id, cancellationToken, options.Value.QueuedLease));

    private async Task<VapiAgent> LoadAgentAsync(SyncAgentMetricsCommand command, CancellationToken cancellationToken)
    {
        if (command.Trigger == SyncTrigger.Manual)
        {
            return await agents.GetOwnedAsync(command.AgentId, currentUser.RequireUserId(), cancellationToken);
        }

        // Scheduled and webhook syncs come from the server itself, for whichever user owns the agent.
        var agent = await agents.GetByIdAsync(command.AgentId, cancellationToken);
        return agent is { IsDeleted: false } ? agent : throw new NotFoundException(AgentLookup.Resource);
    }

    private SyncRun Queue(SyncAgentMetricsCommand command, VapiAgent agent, DateTime now)
    {
        var mode = SyncWindows.ModeFor(command.StartDate, command.EndDate);
        ZonedCalendar.TryFindZone(command.Timezone, out var zone);
        var (start, end) = mode == SyncMode.Range
            ? SyncWindows.Range(command.StartDate, command.EndDate, zone, now, options.Value)
            : SyncWindows.Incremental(agent, now, options.Value);
        return SyncRun.Queue(Guid.CreateVersion7(), agent.Id, agent.UserId, command.Trigger, mode, start, end, now);
    }

    private async Task EnforceRateLimitAsync(string userId, DateTime now, CancellationToken cancellationToken)
    {
        var limit = options.Value.ManualSyncsPerMinute;
        var recent = await runs.ListAsync(new ManualRunsSinceSpec(userId, now.AddMinutes(-1)), cancellationToken);
        if (recent.Count >= limit)
        {
            var retryAfter = recent[^limit].QueuedAt.AddMinutes(1) - now;
            throw new TooManyRequestsException(
                $"You can start {limit} syncs a minute; try again shortly.",
                retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1));
        }
    }

    private async Task MarkInterruptedAsync(Guid runId, CancellationToken cancellationToken)
    {
        var interrupted = await runs.GetByIdAsync(runId, cancellationToken);
        if (interrupted is { IsFinished: false })
        {
            interrupted.Fail("The sync was interrupted (its process stopped); a later sync completed its work.", clock.GetUtcNow().UtcDateTime);
            await runs.SaveChangesAsync(cancellationToken);
        }
    }
}

/// <summary>A manual sync that Vapi made fail (rejected key → 422, unavailable → 502); carries the run's id.</summary>
public sealed class SyncFailedException(Guid syncId, Exception inner) : Exception(inner.Message, inner)
{
    public Guid SyncId { get; } = syncId;
}
