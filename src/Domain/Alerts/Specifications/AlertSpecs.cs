using Ardalis.Specification;

namespace VapiAgents.Domain.Alerts.Specifications;

/// <summary>One of the user's alerts; unknown and other users' ids miss alike.</summary>
public sealed class AlertByIdForUserSpec : SingleResultSpecification<Alert>
{
    public AlertByIdForUserSpec(Guid id, string userId) => Query.Where(a => a.Id == id && a.UserId == userId);
}

/// <summary>The user's alerts (open, acknowledged or both), newest first, one page.</summary>
public sealed class AlertsForUserSpec : Specification<Alert>
{
    public AlertsForUserSpec(string userId, bool? acknowledged, int? limit = null, int offset = 0)
    {
        Query.Where(a => a.UserId == userId);
        if (acknowledged is { } seen)
        {
            Query.Where(a => (a.AcknowledgedAt != null) == seen);
        }

        Query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).AsNoTracking();
        if (limit is { } take)
        {
            Query.Skip(offset).Take(take);
        }
    }
}

/// <summary>The user's alert settings row (absent until first saved).</summary>
public sealed class AlertSettingsForUserSpec : SingleResultSpecification<AlertSettings>
{
    public AlertSettingsForUserSpec(string userId) => Query.Where(s => s.UserId == userId);
}

/// <summary>The owners of live agents (whose alerts the schedule evaluates), one row per agent.</summary>
public sealed class UsersWithAgentsSpec : Specification<Agents.VapiAgent, string>
{
    public UsersWithAgentsSpec() => Query.Where(a => a.DeletedAt == null).Select(a => a.UserId);
}
