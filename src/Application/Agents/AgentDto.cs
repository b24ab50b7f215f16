using System.Linq.Expressions;
using VapiAgents.Domain.Agents;

namespace VapiAgents.Application.Agents;

/// <summary>An agent as the API shows it. Never the key itself: only its hint.</summary>
/// <param name="AgentId">The Vapi assistant id the agent's calls are filtered by.</param>
/// <param name="DeletedAt">Set only for deleted agents (listed with <c>includeDeleted=true</c>).</param>
/// <param name="ClientId">The client the agent is billed to, or null.</param>
/// <param name="ConcurrencyLimit">The call slots of the agent's Vapi org (shared by the user's agents of that org), or null.</param>
/// <param name="Verification">The last check with Vapi: valid, invalid, or null when not checked since the key or assistant changed.</param>
public sealed record AgentDto(
    Guid Id,
    string Name,
    string? AgentId,
    bool IsActive,
    string ApiKeyHint,
    DateTime? LastSyncedAt,
    AgentSyncStatus? LastSyncStatus,
    string? LastSyncError,
    DateTime? LastVerifiedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? DeletedAt,
    Guid? ClientId,
    AgentVerification? Verification,
    int? ConcurrencyLimit)
{
    /// <summary>
    /// The one mapping from an agent: AutoMapper converts with it, and list queries project with it in the database.
    /// </summary>
    public static readonly Expression<Func<VapiAgent, AgentDto>> FromAgent = agent => new AgentDto(
        agent.Id, agent.Name, agent.AssistantId, agent.IsActive, agent.ApiKeyHint, agent.LastSyncedAt, agent.LastSyncStatus,
        agent.LastSyncError, agent.LastVerifiedAt, agent.CreatedAt, agent.UpdatedAt, agent.DeletedAt, agent.ClientId, agent.Verification, agent.ConcurrencyLimit);
}

public sealed record AgentResponse(AgentDto Agent);

public sealed record AgentListResponse(IReadOnlyList<AgentDto> Agents);

public sealed record SuccessResponse(bool Success);
