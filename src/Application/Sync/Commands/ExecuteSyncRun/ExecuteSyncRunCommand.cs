using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Sync.Commands.ExecuteSyncRun;

/// <summary>Runs a queued sync: sent by its background job (a <c>wait: false</c> sync, or one the sweeper re-queued).</summary>
public sealed record ExecuteSyncRunCommand(Guid RunId) : ICommand<SyncRunDto?>;

/// <remarks>
/// Whatever fails before the run starts — the agent gone, the lease held by another run, an error loading either —
/// ends the run <c>failed</c> with the reason, so no run waits for a job that already gave up on it. When even
/// that write fails (the database is down), the sweeper ends or re-queues the run later.
/// </remarks>
public sealed class ExecuteSyncRunCommandHandler(
    IRepository<SyncRun> runs,
    IReadRepository<VapiAgent> agents,
    ISyncLeases leases,
    SyncRunExecutor executor,
    IOptions<SyncOptions> options,
    ILogger<ExecuteSyncRunCommandHandler> logger,
    AutoMapper.IMapper mapper) : ICommandHandler<ExecuteSyncRunCommand, SyncRunDto?>
{
    public async ValueTask<SyncRunDto?> Handle(ExecuteSyncRunCommand command, CancellationToken cancellationToken)
    {
        var run = await runs.GetByIdAsync(command.RunId, cancellationToken);
        if (run is null || run.Status != SyncRunStatus.Queued)
        {
            // Gone with its user, already executed, or running under another executor: nothing left to do.
            return run is null ? null : mapper.Map<SyncRunDto>(run);
        }

        SyncLeaseHandle? lease = null;
        try
        {
            var agent = await agents.GetByIdAsync(run.AgentId, cancellationToken);
            if (agent is null || agent.IsDeleted)
            {
                return mapper.Map<SyncRunDto>((await executor.EndBeforeStartAsync(run, "The agent was deleted before its sync could run.", cancellationToken)).Run);
            }

            (lease, _) = await SyncLeaseHandle.TryTakeAsync(leases, agent.Id, run.Id, options.Value, logger, cancellationToken);
            if (lease is null)
            {
                return mapper.Map<SyncRunDto>((await executor.EndBeforeStartAsync(
                    run, "Another sync of this agent was running; this one did not start.", cancellationToken)).Run);
            }

            var handed = lease;
            lease = null;
            return mapper.Map<SyncRunDto>((await executor.ExecuteAsync(run, agent, handed, cancellationToken)).Run);
        }
        catch (Exception exception) when (run.Status == SyncRunStatus.Queued && exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Sync {RunId} could not start", run.Id);
            await EndQuietlyAsync(run, exception);
            throw;
        }
        finally
        {
            if (lease is not null)
            {
                await lease.DisposeAsync();
            }
        }
    }

    private async Task EndQuietlyAsync(SyncRun run, Exception exception)
    {
        try
        {
            await executor.EndBeforeStartAsync(run, $"The sync could not start: {Describe(exception)}", CancellationToken.None);
        }
        catch (Exception again)
        {
            logger.LogWarning(again, "Ending sync {RunId} failed too; the sweeper ends it", run.Id);
        }
    }

    // Messages of our own exceptions are written for users; others (a driver's) are summarised, never echoed.
    private static string Describe(Exception exception) => exception switch
    {
        Common.Exceptions.NotFoundException or Common.Exceptions.ConflictException => exception.Message,
        _ => $"an unexpected error ({exception.GetType().Name}).",
    };
}
