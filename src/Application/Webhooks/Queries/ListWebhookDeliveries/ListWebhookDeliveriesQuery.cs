using FluentValidation;
using Mediator;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Webhooks;

namespace VapiAgents.Application.Webhooks.Queries.ListWebhookDeliveries;

/// <summary>An agent's webhook deliveries, newest first.</summary>
public sealed record ListWebhookDeliveriesQuery(Guid AgentId, int Limit = 50, int Offset = 0) : IQuery<WebhookDeliveryListResponse>;

public sealed record WebhookDeliveryDto(Guid Id, DateTime ReceivedAt, string? Type, string? CallId, WebhookOutcome Outcome, string? Proof);

public sealed record WebhookDeliveryListResponse(IReadOnlyList<WebhookDeliveryDto> Deliveries);

public sealed class ListWebhookDeliveriesQueryValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public ListWebhookDeliveriesQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, 200).WithMessage("limit must be 1 to 200.");
        RuleFor(q => q.Offset).InclusiveBetween(0, 1_000_000).WithMessage("offset must be 0 or more.");
    }
}

public sealed class ListWebhookDeliveriesQueryHandler(
    IReadRepository<VapiAgent> agents,
    IReadRepository<WebhookDelivery> deliveries,
    ICurrentUser currentUser) : IQueryHandler<ListWebhookDeliveriesQuery, WebhookDeliveryListResponse>
{
    public async ValueTask<WebhookDeliveryListResponse> Handle(ListWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        await agents.GetOwnedAsync(query.AgentId, userId, cancellationToken);
        var list = await deliveries.ListAsync(new WebhookDeliveriesForAgentSpec(query.AgentId, userId, query.Offset, query.Limit), cancellationToken);
        return new WebhookDeliveryListResponse(list.Select(d => new WebhookDeliveryDto(d.Id, d.ReceivedAt, d.Type, d.CallId, d.Outcome, d.Proof)).ToList());
    }
}
