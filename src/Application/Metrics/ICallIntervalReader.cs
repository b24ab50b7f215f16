namespace VapiAgents.Application.Metrics;

/// <summary>The time a call was in progress, [startedAt, endedAt) in UTC milliseconds.</summary>
public readonly record struct CallInterval(long StartMs, long EndMs);

/// <summary>
/// The calls of a selection of a user's agents that were in progress at some instant of [from, to): each Vapi call
/// once however many selected agents hold it; calls without both a start and a later end are left out.
/// </summary>
public interface ICallIntervalReader
{
    Task<IReadOnlyList<CallInterval>> ReadAsync(string userId, IReadOnlyCollection<Guid> agentIds, long fromMs, long toMs, CancellationToken cancellationToken);
}
