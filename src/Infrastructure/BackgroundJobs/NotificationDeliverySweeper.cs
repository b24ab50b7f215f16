using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Notifications;
using VapiAgents.Application.Notifications.Commands.SweepNotificationDeliveries;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>
/// Sends <see cref="SweepNotificationDeliveriesCommand"/> at start-up and every <c>Notifications:SweepSeconds</c> on
/// every instance: a delivery whose job was lost (in-memory job storage and a restart) is queued again, with the same
/// webhook-id.
/// </summary>
public sealed class NotificationDeliverySweeper(
    IServiceScopeFactory scopes, IOptions<NotificationOptions> options, ILogger<NotificationDeliverySweeper> logger)
    : PeriodicSweeper(scopes, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(0.1, options.Value.SweepSeconds));

    protected override string What => "pending notification deliveries";

    protected override async Task SendAsync(ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new SweepNotificationDeliveriesCommand(), cancellationToken);
}
