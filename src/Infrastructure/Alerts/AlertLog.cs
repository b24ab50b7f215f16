using Microsoft.EntityFrameworkCore;
using VapiAgents.Application.Alerts;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Domain.Alerts;
using VapiAgents.Domain.Notifications;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Alerts;

/// <summary>
/// Inserts alerts one by one, each its own statement (with its notification deliveries: one SaveChanges, one
/// transaction), so a refused duplicate neither aborts nor lingers, and no alert is ever raised without its deliveries.
/// </summary>
public sealed class AlertLog(ApplicationDbContext db) : IAlertLog
{
    public async Task<bool> TryAddAsync(Alert alert, IReadOnlyList<NotificationDelivery> deliveries, CancellationToken cancellationToken)
    {
        var entry = db.Alerts.Add(alert);
        db.NotificationDeliveries.AddRange(deliveries);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (UniqueConstraintException)
        {
            // Another evaluation raised this occurrence first: that is the one alert.
            entry.State = EntityState.Detached;
            foreach (var delivery in deliveries)
            {
                db.Entry(delivery).State = EntityState.Detached;
            }

            return false;
        }
    }

    public async Task<IReadOnlySet<string>> ExistingAsync(string userId, IReadOnlyCollection<string> occurrenceKeys, CancellationToken cancellationToken) =>
        (await db.Alerts.AsNoTracking()
            .Where(a => a.UserId == userId && occurrenceKeys.Contains(a.OccurrenceKey))
            .Select(a => a.OccurrenceKey)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
}
