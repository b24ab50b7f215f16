using Microsoft.EntityFrameworkCore;
using VapiAgents.Application.Alerts;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Domain.Alerts;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Alerts;

/// <summary>Inserts alerts one by one, each its own statement, so a refused duplicate neither aborts nor lingers.</summary>
public sealed class AlertLog(ApplicationDbContext db) : IAlertLog
{
    public async Task<bool> TryAddAsync(Alert alert, CancellationToken cancellationToken)
    {
        var entry = db.Alerts.Add(alert);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (UniqueConstraintException)
        {
            // Another evaluation raised this occurrence first: that is the one alert.
            entry.State = EntityState.Detached;
            return false;
        }
    }

    public async Task<IReadOnlySet<string>> ExistingAsync(string userId, IReadOnlyCollection<string> occurrenceKeys, CancellationToken cancellationToken) =>
        (await db.Alerts.AsNoTracking()
            .Where(a => a.UserId == userId && occurrenceKeys.Contains(a.OccurrenceKey))
            .Select(a => a.OccurrenceKey)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
}
