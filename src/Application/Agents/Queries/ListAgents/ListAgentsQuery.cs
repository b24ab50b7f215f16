using AutoMapper;
using Mediator;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Agents.Specifications;

namespace VapiAgents.Application.Agents.Queries.ListAgents;

/// <summary>The caller's agents, oldest first.</summary>
public sealed record ListAgentsQuery(bool IncludeDeleted) : IQuery<AgentListResponse>;

public sealed class ListAgentsQueryHandler(
    IReadRepository<VapiAgent> agents,
    ICurrentUser currentUser,
    IMapper mapper) : IQueryHandler<ListAgentsQuery, AgentListResponse>
{
    public async ValueTask<AgentListResponse> Handle(ListAgentsQuery query, CancellationToken cancellationToken)
    {
        var list = await agents.ListAsync(new AgentsForUserSpec(currentUser.RequireUserId(), query.IncludeDeleted), cancellationToken);
        return new AgentListResponse(mapper.Map<List<AgentDto>>(list));
    }
}
