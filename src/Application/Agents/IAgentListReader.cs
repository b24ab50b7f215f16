namespace VapiAgents.Application.Agents;

/// <summary>
/// The user's agents as the list shows them, oldest first. A read model beside the repository: the list is the
/// dashboard's and clients' most frequent call, so it is one precompiled query projected in the database
/// (docs/benchmarks.md, HTTP).
/// </summary>
public interface IAgentListReader
{
    Task<List<AgentDto>> ListAsync(string userId, bool includeDeleted, CancellationToken cancellationToken);
}
