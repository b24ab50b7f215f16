using VapiAgents.Domain.Alerts;

namespace VapiAgents.Application.Alerts;

/// <summary>Writes alerts once per occurrence: the database's unique key on the occurrence decides, not memory.</summary>
public interface IAlertLog
{
    /// <summary>
    /// Inserts the alert with its notification deliveries, in one transaction; false (and nothing written) when its
    /// occurrence already has one (inserted earlier, or by a racing evaluation).
    /// </summary>
    Task<bool> TryAddAsync(Alert alert, IReadOnlyList<Domain.Notifications.NotificationDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>Which of these occurrence keys already have an alert (to skip most doomed inserts).</summary>
    Task<IReadOnlySet<string>> ExistingAsync(string userId, IReadOnlyCollection<string> occurrenceKeys, CancellationToken cancellationToken);
}
