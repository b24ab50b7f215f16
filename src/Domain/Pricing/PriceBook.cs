using VapiAgents.Domain.Usage;

namespace VapiAgents.Domain.Pricing;

/// <summary>An agent as pricing sees it: when it was created (the earliest holder of a shared call prices it) and its current client.</summary>
public sealed record PricedAgent(Guid Id, DateTime CreatedAt, Guid? ClientId);

/// <summary>
/// Every price of one user, able to price any of the user's calls: a call is priced by the earliest-created of
/// the agents holding it, with that agent's own price in effect on the call's UTC day, else its client's, else nothing.
/// </summary>
public sealed class PriceBook
{
    private readonly Dictionary<Guid, PricedAgent> _agents;
    private readonly Dictionary<Guid, List<ResalePrice>> _byAgent;
    private readonly Dictionary<Guid, List<ResalePrice>> _byClient;

    public PriceBook(IEnumerable<PricedAgent> agents, IEnumerable<ResalePrice> prices)
    {
        _agents = agents.ToDictionary(a => a.Id);
        var list = prices.OrderByDescending(p => p.EffectiveFrom).ToList();
        _byAgent = list.Where(p => p.AgentId is not null).GroupBy(p => p.AgentId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        _byClient = list.Where(p => p.ClientId is not null).GroupBy(p => p.ClientId!.Value).ToDictionary(g => g.Key, g => g.ToList());
    }

    public bool IsEmpty => _byAgent.Count == 0 && _byClient.Count == 0;

    /// <summary>The agent that prices a call held by these agents: the earliest created (ties by id).</summary>
    public Guid? PricingAgent(IEnumerable<Guid> holders) =>
        holders.Where(_agents.ContainsKey).Select(id => _agents[id])
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Select(a => (Guid?)a.Id).FirstOrDefault();

    /// <summary>The price in effect for an agent's call on a UTC day, or null.</summary>
    public ResalePrice? PriceFor(Guid agentId, DateOnly day)
    {
        if (_byAgent.TryGetValue(agentId, out var own) && own.FirstOrDefault(p => p.EffectiveFrom <= day) is { } price)
        {
            return price;
        }

        return _agents.TryGetValue(agentId, out var agent) && agent.ClientId is { } clientId && _byClient.TryGetValue(clientId, out var clients)
            ? clients.FirstOrDefault(p => p.EffectiveFrom <= day)
            : null;
    }

    /// <summary>What a call of these holders, created then and lasting so long, is billed.</summary>
    public CallCharge ChargeFor(IEnumerable<Guid> holders, DateTime createdAt, long durationMs) =>
        PricingAgent(holders) is { } agent && PriceFor(agent, DateOnly.FromDateTime(createdAt)) is { } price
            ? price.Bill(durationMs)
            : CallCharge.None;

    /// <summary>The call's facts with its billable seconds and revenue set for these holders.</summary>
    public CallFacts Charge(CallFacts facts, IEnumerable<Guid> holders)
    {
        var charge = ChargeFor(holders, facts.CreatedAt, facts.DurationMs);
        return facts.BillableSeconds == charge.BillableSeconds && facts.Revenue == charge.Revenue
            ? facts
            : facts with { BillableSeconds = charge.BillableSeconds, Revenue = charge.Revenue };
    }
}
