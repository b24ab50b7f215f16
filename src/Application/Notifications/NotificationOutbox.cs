using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Alerts;
using VapiAgents.Domain.Notifications;
using VapiAgents.Domain.Notifications.Specifications;

namespace VapiAgents.Application.Notifications;

/// <summary>
/// Which deliveries an alert makes: one per enabled channel of its user that wants its kind, never a
/// channel.failing alert to the channel it is about. The rows are written with the alert (one transaction), and
/// their jobs queued after it committed; a job lost between the two is the sweeper's.
/// </summary>
public sealed class NotificationOutbox(IReadRepository<NotificationChannel> channels, INotificationJobQueue jobs)
{
    public async Task<IReadOnlyList<NotificationChannel>> EnabledChannelsAsync(string userId, CancellationToken cancellationToken) =>
        await channels.ListAsync(new NotificationChannelsForUserSpec(userId, enabledOnly: true), cancellationToken);

    public static IReadOnlyList<NotificationDelivery> DeliveriesFor(Alert alert, IEnumerable<NotificationChannel> enabled, DateTime now) =>
        [.. enabled.Where(c => c.Enabled && c.UserId == alert.UserId && c.Wants(alert.Kind) && c.Id != alert.ChannelId)
            .Select(c => NotificationDelivery.ForAlert(c, alert, now))];

    public void Enqueue(IEnumerable<NotificationDelivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            jobs.Enqueue(delivery.Id);
        }
    }
}
