using Mediator;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Clients;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Pricing.Commands.SetPrice;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Clients;
using VapiAgents.Domain.Pricing;
using VapiAgents.Domain.Pricing.Specifications;

namespace VapiAgents.Application.Pricing.Queries.ListPrices;

/// <summary>The price history of one of the caller's agents or clients, newest date first.</summary>
public sealed record ListPricesQuery(PriceOwner Owner, Guid Id) : IQuery<PriceHistoryResponse>;

public sealed class ListPricesQueryHandler(
    IReadRepository<ResalePrice> prices, IReadRepository<VapiAgent> agents, IReadRepository<Client> clients, ICurrentUser currentUser)
    : IQueryHandler<ListPricesQuery, PriceHistoryResponse>
{
    public async ValueTask<PriceHistoryResponse> Handle(ListPricesQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        Guid? agentId = null, clientId = null;
        if (query.Owner == PriceOwner.Agent)
        {
            agentId = (await agents.GetOwnedAsync(query.Id, userId, cancellationToken)).Id;
        }
        else
        {
            clientId = (await clients.GetOwnedAsync(query.Id, userId, cancellationToken)).Id;
        }

        var history = await prices.ListAsync(new PriceHistorySpec(userId, agentId, clientId), cancellationToken);
        return new PriceHistoryResponse(history.Select(PriceDto.From).ToList());
    }
}
