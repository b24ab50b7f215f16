using AutoMapper;
using Mediator;
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
    SyncRunner runner,
    ICurrentUser currentUser,
    IOptions<SyncOptions> options,
    TimeProvider clock,
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
        var lease = await leases.TryHoldAsync(agent.Id, run.Id, cancellationToken);
        if (!lease.Held)
        {
            return command.Trigger == SyncTrigger.Manual
                ? throw new ConflictException($"A sync of this agent is already running (sync {lease.HeldBy}).")
                : new SyncAgentMetricsResult(null, Started: false);
        }

        await runs.AddAsync(run, cancellationToken);
        if (lease.Expired is { } interrupted)
        {
            await MarkInterruptedAsync(interrupted, cancellationToken);
        }

        if (!command.Wait)
        {
            jobs.EnqueueRun(run.Id);
            return new SyncAgentMetricsResult(mapper.Map<SyncRunDto>(run), Started: true);
        }

        var outcome = await runner.RunAsync(run.Id, cancellationToken);
        if (command.Trigger == SyncTrigger.Manual && outcome.Failure is VapiKeyRejectedException or VapiUnavailableException)
        {
            throw new SyncFailedException(outcome.Run.Id, outcome.Failure);
        }

        return new SyncAgentMetricsResult(mapper.Map<SyncRunDto>(outcome.Run), Started: true);
    }

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
