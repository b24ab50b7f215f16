using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Audit;

namespace VapiAgents.Application.Audit;

/// <summary>
/// Adds entries to the audit trail inside the current unit of work: they are saved by the same SaveChanges as
/// the change they describe, so a change is never saved without its entry, nor an entry without its change.
/// </summary>
public interface IAuditTrail
{
    void Add(AuditEvent auditEvent);

    /// <summary>For events with no change to save alongside (a failed sign-in): saved at once.</summary>
    Task SaveAsync(AuditEvent auditEvent, CancellationToken cancellationToken);
}

public static class AuditTrailExtensions
{
    public static void Record(this IAuditTrail trail, ICurrentUser user, TimeProvider clock, string action, string ownerId, Guid? agentId, string? details = null) =>
        trail.Add(AuditEvent.Record(action, ownerId, user.UserId, agentId, details, user.IpAddress, clock.GetUtcNow().UtcDateTime));
}
