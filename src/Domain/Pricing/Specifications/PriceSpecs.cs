using Ardalis.Specification;

namespace VapiAgents.Domain.Pricing.Specifications;

/// <summary>A client's prices (tracked: deleting the client removes them).</summary>
public sealed class PricesOfClientSpec : Specification<ResalePrice>
{
    public PricesOfClientSpec(Guid clientId) => Query.Where(p => p.ClientId == clientId);
}

/// <summary>The price history of one agent or one client of the user, newest date first.</summary>
public sealed class PriceHistorySpec : Specification<ResalePrice>
{
    public PriceHistorySpec(string userId, Guid? agentId, Guid? clientId) =>
        Query.Where(p => p.UserId == userId && p.AgentId == agentId && p.ClientId == clientId)
            .OrderByDescending(p => p.EffectiveFrom);
}

/// <summary>Every price of the user (what a <see cref="PriceBook"/> is built from).</summary>
public sealed class PricesForUserSpec : Specification<ResalePrice>
{
    public PricesForUserSpec(string userId) => Query.Where(p => p.UserId == userId).AsNoTracking();
}
