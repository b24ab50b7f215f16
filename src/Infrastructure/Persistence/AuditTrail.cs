using VapiAgents.Application.Audit;
using VapiAgents.Domain.Audit;

namespace VapiAgents.Infrastructure.Persistence;

public sealed class AuditTrail(ApplicationDbContext db) : IAuditTrail
{
    public void Add(AuditEvent auditEvent) => db.AuditEvents.Add(auditEvent);

    public async Task SaveAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        db.AuditEvents.Add(auditEvent);
        await db.SaveChangesAsync(cancellationToken);
    }
}
