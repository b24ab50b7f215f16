using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Sync;
using VapiAgents.Application.Sync.Commands.SweepSyncRuns;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>
/// Sends <see cref="SweepSyncRunsCommand"/> at start-up and every <c>Sync:SweepSeconds</c> on every instance. A
/// hosted service, not a Hangfire job: it must keep sweeping when the jobs are what stalled. A failed sweep (the
/// database is down) is logged and tried again at the next tick.
/// </summary>
public sealed class SyncRunSweeper(IServiceScopeFactory scopes, IOptions<SyncOptions> options, ILogger<SyncRunSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
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
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SweepSyncRunsCommand(), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Sweeping unfinished sync runs failed; trying again in {Seconds} s", options.Value.SweepSeconds);
        }
    }
}
