using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Sync;
using VapiAgents.Application.Sync.Commands.SweepSyncRuns;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>Sends <see cref="SweepSyncRunsCommand"/> at start-up and every <c>Sync:SweepSeconds</c> on every instance.</summary>
public sealed class SyncRunSweeper(IServiceScopeFactory scopes, IOptions<SyncOptions> options, ILogger<SyncRunSweeper> logger)
    : PeriodicSweeper(scopes, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override string What => "unfinished sync runs";

    protected override async Task SendAsync(ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new SweepSyncRunsCommand(), cancellationToken);
}
