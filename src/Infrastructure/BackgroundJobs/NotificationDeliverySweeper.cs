using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Notifications;
using VapiAgents.Application.Notifications.Commands.SweepNotificationDeliveries;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>
/// Sends <see cref="SweepNotificationDeliveriesCommand"/> at start-up and every <c>Notifications:SweepSeconds</c> on
/// every instance: a delivery whose job was lost (in-memory job storage and a restart) is queued again, with the same
/// webhook-id. A hosted service, like the sync sweeper, so it keeps working when the jobs are what stalled.
/// </summary>
public sealed class NotificationDeliverySweeper(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, ILogger<NotificationDeliverySweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, options.Value.SweepSeconds)));
        do
        {
            await SweepAsync(stoppingToken);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SweepNotificationDeliveriesCommand(), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Sweeping pending notification deliveries failed; trying again in {Seconds} s", options.Value.SweepSeconds);
        }
    }
}
