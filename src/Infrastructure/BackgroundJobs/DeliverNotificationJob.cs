using Hangfire;
using Mediator;
using VapiAgents.Application.Notifications;
using VapiAgents.Application.Notifications.Commands.DeliverNotification;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>
/// One attempt of one delivery. Never retried by Hangfire: the row holds the attempts and the next one's time, and
/// the handler schedules the retry (or the sweeper re-queues it when this job is lost).
/// </summary>
public sealed class DeliverNotificationJob(ISender sender)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid deliveryId, CancellationToken cancellationToken) =>
        await sender.Send(new DeliverNotificationCommand(deliveryId), cancellationToken);
}
