using Mediator;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Pricing;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Agents.Specifications;
using VapiAgents.Domain.Clients;
using VapiAgents.Domain.Pricing;
using VapiAgents.Domain.Pricing.Specifications;

namespace VapiAgents.Application.Clients.Commands.DeleteClient;

/// <summary>Deletes a client and its prices; its agents are unassigned (their usage history stays) and repriced.</summary>
public sealed record DeleteClientCommand(Guid Id) : ICommand<SuccessResponse>;

public sealed class DeleteClientCommandHandler(
    IRepository<Client> clients,
    IRepository<VapiAgent> agents,
    IRepository<ResalePrice> prices,
    IRevenueRepricer repricer,
    ICurrentUser currentUser,
    TimeProvider clock) : ICommandHandler<DeleteClientCommand, SuccessResponse>
{
    public async ValueTask<SuccessResponse> Handle(DeleteClientCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var client = await clients.GetOwnedAsync(command.Id, userId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var assigned = await agents.ListAsync(new AgentsOfClientSpec(client.Id), cancellationToken);
        foreach (var agent in assigned)
        {
            agent.AssignClient(null, now);
        }

        var own = await prices.ListAsync(new PricesOfClientSpec(client.Id), cancellationToken);
        await agents.SaveChangesAsync(cancellationToken);
        await prices.DeleteRangeAsync(own, cancellationToken);
        await clients.DeleteAsync(client, cancellationToken);
        if (own.Count > 0 && assigned.Count > 0)
        {
            await repricer.RepriceAsync(userId, assigned.Select(a => a.Id).ToList(), DateOnly.MinValue, cancellationToken);
        }

        return new SuccessResponse(true);
    }
}
