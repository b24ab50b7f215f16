namespace VapiAgents.Application.Metrics;

/// <summary>
/// Calls, duration and cost of a selection of a user's agents per bucket of a series (a call several selected
/// agents hold counts once), by each call's creation instant.
/// </summary>
public interface ISeriesUsageReader
{
    Task<IReadOnlyList<UsageBrief>> ReadAsync(string userId, IReadOnlyCollection<Guid> agentIds, IReadOnlyList<SeriesBucket> buckets, CancellationToken cancellationToken);
}
