using Hangfire;
using Mediator;
using VapiAgents.Application.Notifications;
using VapiAgents.Application.Notifications.Commands.DeliverNotification;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>Queues delivery attempts on Hangfire's shared storage, so any instance may send them.</summary>
public sealed class HangfireNotificationJobQueue(IBackgroundJobClient jobs) : INotificationJobQueue
{
    public void Enqueue(Guid deliveryId) => jobs.Enqueue<DeliverNotificationJob>(job => job.RunAsync(deliveryId, CancellationToken.None));

    public void Schedule(Guid deliveryId, TimeSpan delay) =>
        jobs.Schedule<DeliverNotificationJob>(job => job.RunAsync(deliveryId, CancellationToken.None), delay);
}

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
