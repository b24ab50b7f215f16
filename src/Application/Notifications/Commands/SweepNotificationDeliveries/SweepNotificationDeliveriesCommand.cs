using Mediator;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Notifications;
using VapiAgents.Domain.Notifications.Specifications;

namespace VapiAgents.Application.Notifications.Commands.SweepNotificationDeliveries;

/// <summary>
/// Queues a job for every pending delivery overdue by more than a sweep interval: its job was lost (in-memory
/// storage and a restart, an enqueue that failed after the commit) or its claim ran out on a dead process. A job
/// queued twice is harmless: only one of them can claim the row.
/// </summary>
public sealed record SweepNotificationDeliveriesCommand : ICommand<int>;

public sealed class SweepNotificationDeliveriesCommandHandler(
    IReadRepository<NotificationDelivery> deliveries, INotificationJobQueue jobs, IOptions<NotificationOptions> options, TimeProvider clock)
    : ICommandHandler<SweepNotificationDeliveriesCommand, int>
{
    private const int Batch = 500;

    public async ValueTask<int> Handle(SweepNotificationDeliveriesCommand command, CancellationToken cancellationToken)
    {
        var dueBefore = clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(Math.Max(0.1, options.Value.SweepSeconds));
        var overdue = await deliveries.ListAsync(new OverdueNotificationDeliveriesSpec(dueBefore, Batch), cancellationToken);
        foreach (var id in overdue)
        {
            jobs.Enqueue(id);
        }

        return overdue.Count;
    }
}
