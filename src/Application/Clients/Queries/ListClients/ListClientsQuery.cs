using Mediator;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Agents.Specifications;
using VapiAgents.Domain.Clients;
using VapiAgents.Domain.Clients.Specifications;

namespace VapiAgents.Application.Clients.Queries.ListClients;

/// <summary>The caller's clients by name, each with its count of live agents.</summary>
public sealed record ListClientsQuery : IQuery<ClientListResponse>;

public sealed class ListClientsQueryHandler(IReadRepository<Client> clients, IReadRepository<VapiAgent> agents, ICurrentUser currentUser)
    : IQueryHandler<ListClientsQuery, ClientListResponse>
{
    public async ValueTask<ClientListResponse> Handle(ListClientsQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var list = await clients.ListAsync(new ClientsForUserSpec(userId), cancellationToken);
        var counts = (await agents.ListAsync(new AgentsForUserSpec(userId, includeDeleted: false), cancellationToken))
            .Where(a => a.ClientId is not null).GroupBy(a => a.ClientId!.Value).ToDictionary(g => g.Key, g => g.Count());
        return new ClientListResponse(list.Select(c => ClientDto.From(c, counts.GetValueOrDefault(c.Id))).ToList());
    }
}
