using Mediator;
using VapiAgents.Application.Audit;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Audit;

namespace VapiAgents.Application.Agents.Commands.DeleteAgent;

/// <summary>Soft delete: the agent leaves lists and its key is destroyed; its usage history stays for metrics.</summary>
public sealed record DeleteAgentCommand(Guid Id) : ICommand<SuccessResponse>;

public sealed class DeleteAgentCommandHandler(
    IRepository<VapiAgent> agents,
    ICurrentUser currentUser,
    IAuditTrail audit,
    TimeProvider clock) : ICommandHandler<DeleteAgentCommand, SuccessResponse>
{
    public async ValueTask<SuccessResponse> Handle(DeleteAgentCommand command, CancellationToken cancellationToken)
    {
        var agent = await agents.GetOwnedAsync(command.Id, currentUser.RequireUserId(), cancellationToken);
        agent.Delete(clock.GetUtcNow().UtcDateTime);
        audit.Record(currentUser, clock, AuditActions.AgentDeleted, agent.UserId, agent.Id, $"\"{agent.Name}\"; its key was destroyed, its usage history kept");
        await agents.SaveChangesAsync(cancellationToken);
        return new SuccessResponse(true);
    }
}
