namespace VapiAgents.Application.Pricing;

/// <summary>
/// Prices stored calls again after a price or an agent's client changed: their billable seconds and revenue, on
/// every copy and in the rollups, in one transaction under the user's sync lock.
/// </summary>
public interface IRevenueRepricer
{
    /// <summary>Reprices the calls held by any of these agents created on or after the UTC day; returns how many changed.</summary>
    Task<long> RepriceAsync(string userId, IReadOnlyCollection<Guid> agentIds, DateOnly from, CancellationToken cancellationToken);
}
