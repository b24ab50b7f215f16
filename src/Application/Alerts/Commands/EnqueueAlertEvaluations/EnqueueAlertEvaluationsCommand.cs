using Mediator;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Alerts.Specifications;

namespace VapiAgents.Application.Alerts.Commands.EnqueueAlertEvaluations;

/// <summary>The schedule's tick: one background evaluation per user who has agents.</summary>
public sealed record EnqueueAlertEvaluationsCommand : ICommand<int>;

public sealed class EnqueueAlertEvaluationsCommandHandler(IReadRepository<VapiAgent> agents, IAlertJobQueue jobs)
    : ICommandHandler<EnqueueAlertEvaluationsCommand, int>
{
    public async ValueTask<int> Handle(EnqueueAlertEvaluationsCommand command, CancellationToken cancellationToken)
    {
        var users = (await agents.ListAsync(new UsersWithAgentsSpec(), cancellationToken)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var userId in users)
        {
            jobs.EnqueueEvaluation(userId);
        }

        return users.Count;
    }
}
