using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>
/// Sends a sweep command at start-up and at every <see cref="Interval"/>, on every instance (the commands are safe
/// with several). A hosted service, not a Hangfire job: a sweep finishes background work whose job was lost, so it
/// must keep running when the jobs are what stalled. A failed sweep (the database is down) is logged and tried again
/// at the next tick.
/// </summary>
public abstract class PeriodicSweeper(IServiceScopeFactory scopes, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>What is swept, in words for the log line ("unfinished sync runs").</summary>
    protected abstract string What { get; }

    protected abstract Task SendAsync(ISender sender, CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
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
            await SendAsync(scope.ServiceProvider.GetRequiredService<ISender>(), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Sweeping {What} failed; trying again in {Seconds} s", What, Interval.TotalSeconds);
        }
    }
}
