using Ardalis.Specification;

namespace VapiAgents.Domain.Agents.Specifications;

/// <summary>
/// One of the user's agents that is not deleted. Unknown ids, other users' ids and deleted agents all
/// miss in this one query, so they cannot be told apart.
/// </summary>
public sealed class AgentByIdForUserSpec : SingleResultSpecification<VapiAgent>
{
    public AgentByIdForUserSpec(Guid id, string userId, bool includeDeleted = false)
    {
        Query.Where(a => a.Id == id && a.UserId == userId);
        if (!includeDeleted)
        {
            Query.Where(a => a.DeletedAt == null);
        }
    }
}

/// <summary>The user's agents, oldest first (deleted ones only when asked).</summary>
public sealed class AgentsForUserSpec : Specification<VapiAgent>
{
    public AgentsForUserSpec(string userId, bool includeDeleted)
    {
        Query.Where(a => a.UserId == userId);
        if (!includeDeleted)
        {
            Query.Where(a => a.DeletedAt == null);
        }

        Query.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).AsNoTracking();
    }
}

/// <summary>The user's agents that are not deleted (to count them against the per-user cap).</summary>
public sealed class LiveAgentsOfUserSpec : Specification<VapiAgent>
{
    public LiveAgentsOfUserSpec(string userId) => Query.Where(a => a.UserId == userId && a.DeletedAt == null);
}

/// <summary>Another non-deleted agent of the user with this name (case-insensitive).</summary>
public sealed class AgentNameTakenSpec : Specification<VapiAgent>
{
    public AgentNameTakenSpec(string userId, string name, Guid? exceptId = null)
    {
        var normalized = VapiAgent.NormalizeName(name);
        Query.Where(a => a.UserId == userId && a.NormalizedName == normalized && a.DeletedAt == null);
        if (exceptId is { } id)
        {
            Query.Where(a => a.Id != id);
        }
    }
}

/// <summary>Agents with a secret sealed by an encryption key other than the active one (a rotation batch).</summary>
public sealed class AgentsSealedWithOtherKeySpec : Specification<VapiAgent>
{
    /// <param name="skipped">Agents already passed over (a secret no key can unseal): left out so the batches move on.</param>
    public AgentsSealedWithOtherKeySpec(string activeKeyId, int batchSize, IReadOnlyCollection<Guid>? skipped = null)
    {
        Query.Where(a => (a.ApiKey != null && a.ApiKey.KeyId != activeKeyId) || (a.WebhookSecret != null && a.WebhookSecret.KeyId != activeKeyId));
        if (skipped is { Count: > 0 })
        {
            Query.Where(a => !skipped.Contains(a.Id));
        }

        Query.OrderBy(a => a.Id).Take(batchSize);
    }
}

/// <summary>The agents the schedule syncs: active, not deleted, not paused.</summary>
public sealed class AgentsDueForScheduleSpec : Specification<VapiAgent>
{
    public AgentsDueForScheduleSpec() =>
        Query.Where(a => a.IsActive && a.DeletedAt == null && a.LastSyncStatus != AgentSyncStatus.Paused)
            .OrderBy(a => a.Id)
            .AsNoTracking();
}

/// <summary>A non-deleted agent by id, whoever owns it (webhooks and jobs come from the server side).</summary>
public sealed class LiveAgentByIdSpec : SingleResultSpecification<VapiAgent>
{
    public LiveAgentByIdSpec(Guid id) => Query.Where(a => a.Id == id && a.DeletedAt == null);
}

/// <summary>The user's live agents whose key belongs to one Vapi org (tracked: they share the org's concurrency limit).</summary>
public sealed class AgentsOfOrgSpec : Specification<VapiAgent>
{
    public AgentsOfOrgSpec(string userId, string orgId) => Query.Where(a => a.UserId == userId && a.VapiOrgId == orgId && a.DeletedAt == null);
}

/// <summary>The live agents assigned to a client (tracked: deleting the client unassigns them).</summary>
public sealed class AgentsOfClientSpec : Specification<VapiAgent>
{
    public AgentsOfClientSpec(Guid clientId) => Query.Where(a => a.ClientId == clientId && a.DeletedAt == null);
}
