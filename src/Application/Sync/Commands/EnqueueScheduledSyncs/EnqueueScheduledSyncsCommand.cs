using Mediator;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Agents.Specifications;

namespace VapiAgents.Application.Sync.Commands.EnqueueScheduledSyncs;

/// <summary>The schedule's tick: one background sync per active, non-deleted, non-paused agent.</summary>
public sealed record EnqueueScheduledSyncsCommand : ICommand<int>;

/// <remarks>Agents with a sync running or queued are left out, so a slow sync is never queued twice.</remarks>
public sealed class EnqueueScheduledSyncsCommandHandler(IReadRepository<VapiAgent> agents, ISyncLeases leases, ISyncJobQueue jobs)
    : ICommandHandler<EnqueueScheduledSyncsCommand, int>
{
    public async ValueTask<int> Handle(EnqueueScheduledSyncsCommand command, CancellationToken cancellationToken)
    {
        var due = (await agents.ListAsync(new AgentsDueForScheduleSpec(), cancellationToken)).Select(a => a.Id).ToList();
        var busy = await leases.HeldAsync(due, cancellationToken);
        var enqueued = 0;
        foreach (var agentId in due.Where(id => !busy.Contains(id)))
        {
            jobs.EnqueueScheduledSync(agentId);
            enqueued++;
        }

        return enqueued;
    }
}
