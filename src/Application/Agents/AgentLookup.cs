using Ardalis.Specification;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Agents.Specifications;

namespace VapiAgents.Application.Agents;

public static class AgentLookup
{
    public const string Resource = "Agent";

    /// <summary>The user's non-deleted agent, or 404 — the same 404 for unknown, deleted and other users' ids.</summary>
    public static async Task<VapiAgent> GetOwnedAsync(
        this IReadRepositoryBase<VapiAgent> agents, Guid id, string userId, CancellationToken cancellationToken, bool includeDeleted = false) =>
        await agents.SingleOrDefaultAsync(new AgentByIdForUserSpec(id, userId, includeDeleted), cancellationToken)
        ?? throw new NotFoundException(Resource);
}
