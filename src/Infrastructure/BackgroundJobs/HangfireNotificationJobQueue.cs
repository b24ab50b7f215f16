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
