namespace VapiAgents.Application.Alerts;

/// <summary>When each agent's first stored call was created (an anomaly needs some history before it).</summary>
public interface IAgentCallHistory
{
    Task<IReadOnlyDictionary<Guid, DateTime>> FirstCallsAsync(IReadOnlyCollection<Guid> agentIds, CancellationToken cancellationToken);
}
