using Ardalis.Specification;

namespace VapiAgents.Domain.Webhooks;

/// <summary>An agent's webhook deliveries, newest first, a page at a time.</summary>
public sealed class WebhookDeliveriesForAgentSpec : Specification<WebhookDelivery>
{
    public WebhookDeliveriesForAgentSpec(Guid agentId, string userId, int skip, int take) =>
        Query.Where(d => d.AgentId == agentId && d.UserId == userId)
            .OrderByDescending(d => d.ReceivedAt).ThenByDescending(d => d.Id)
            .Skip(skip).Take(take)
            .AsNoTracking();
}
