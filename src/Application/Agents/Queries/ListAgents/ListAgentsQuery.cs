using Mediator;
using VapiAgents.Application.Common.Interfaces;

namespace VapiAgents.Application.Agents.Queries.ListAgents;

/// <summary>The caller's agents, oldest first.</summary>
public sealed record ListAgentsQuery(bool IncludeDeleted) : IQuery<AgentListResponse>;

public sealed class ListAgentsQueryHandler(
    IAgentListReader agents,
    ICurrentUser currentUser) : IQueryHandler<ListAgentsQuery, AgentListResponse>
{
    public async ValueTask<AgentListResponse> Handle(ListAgentsQuery query, CancellationToken cancellationToken)
    {
        return new AgentListResponse(await agents.ListAsync(currentUser.RequireUserId(), query.IncludeDeleted, cancellationToken));
    }
}
