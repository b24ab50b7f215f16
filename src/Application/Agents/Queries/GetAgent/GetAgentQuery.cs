using AutoMapper;
using Mediator;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Agents;

namespace VapiAgents.Application.Agents.Queries.GetAgent;

public sealed record GetAgentQuery(Guid Id) : IQuery<AgentDto>;

public sealed class GetAgentQueryHandler(
    IReadRepository<VapiAgent> agents,
    ICurrentUser currentUser,
    IMapper mapper) : IQueryHandler<GetAgentQuery, AgentDto>
{
    public async ValueTask<AgentDto> Handle(GetAgentQuery query, CancellationToken cancellationToken) =>
        mapper.Map<AgentDto>(await agents.GetOwnedAsync(query.Id, currentUser.RequireUserId(), cancellationToken));
}
