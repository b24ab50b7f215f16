using VapiAgents.Domain.Agents;

namespace VapiAgents.Application.Agents;

/// <summary>An agent as the API shows it. Never the key itself: only its hint.</summary>
/// <param name="AgentId">The Vapi assistant id the agent's calls are filtered by.</param>
/// <param name="DeletedAt">Set only for deleted agents (listed with <c>includeDeleted=true</c>).</param>
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
    DateTime? DeletedAt);

public sealed record AgentResponse(AgentDto Agent);

public sealed record AgentListResponse(IReadOnlyList<AgentDto> Agents);

public sealed record SuccessResponse(bool Success);
