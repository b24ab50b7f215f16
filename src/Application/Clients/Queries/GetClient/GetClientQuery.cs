using Mediator;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Clients;

namespace VapiAgents.Application.Clients.Queries.GetClient;

public sealed record GetClientQuery(Guid Id) : IQuery<ClientDto>;

public sealed class GetClientQueryHandler(IReadRepository<Client> clients, IReadRepository<VapiAgent> agents, ICurrentUser currentUser)
    : IQueryHandler<GetClientQuery, ClientDto>
{
    public async ValueTask<ClientDto> Handle(GetClientQuery query, CancellationToken cancellationToken)
    {
        var client = await clients.GetOwnedAsync(query.Id, currentUser.RequireUserId(), cancellationToken);
        return ClientDto.From(client, await agents.AgentCountAsync(client.Id, cancellationToken));
    }
}
