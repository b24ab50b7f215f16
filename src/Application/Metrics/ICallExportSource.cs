using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Metrics;

/// <summary>One call as exported, with the selected agents that hold it.</summary>
public sealed record ExportedCall(CallFacts Facts, IReadOnlyList<Guid> AgentIds);

/// <summary>Streams the calls of a selection of agents, each call once, oldest first, without holding them in memory.</summary>
public interface ICallExportSource
{
    IAsyncEnumerable<ExportedCall> StreamAsync(string userId, IReadOnlyCollection<Guid> agentIds, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken);
}
