using Microsoft.Extensions.Logging;

namespace VapiAgents.Application.Sync;

/// <summary>
/// An agent's lease held by one run while it executes: it renews itself in the background every third of the
/// lease, signals <see cref="Lost"/> when a renewal finds another run holding the agent (this process stalled past
/// the lease), and is released when disposed. A renewal that fails on the database is retried at the next tick:
/// the lease survives it unless the outage outlasts the lease.
/// </summary>
public sealed class SyncLeaseHandle : IAsyncDisposable
{
    private readonly ISyncLeases _leases;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;
    private bool _disposed;

    private SyncLeaseHandle(ISyncLeases leases, Guid agentId, Guid runId, TimeSpan renewEvery, ILogger logger)
    {
        _leases = leases;
        _logger = logger;
        AgentId = agentId;
        RunId = runId;
        _renewal = Task.Run(() => RenewAsync(renewEvery));
    }

    public Guid AgentId { get; }

    public Guid RunId { get; }

    /// <summary>Cancelled when another run took the agent: the holder must stop.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Takes (or extends) the agent's lease for the run; null with the holder's id when another run holds it.</summary>
    public static async Task<(SyncLeaseHandle? Handle, LeaseAttempt Attempt)> TryTakeAsync(
        ISyncLeases leases, Guid agentId, Guid runId, SyncOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var attempt = await leases.TryHoldAsync(agentId, runId, cancellationToken);
        return attempt.Held
            ? (new SyncLeaseHandle(leases, agentId, runId, TimeSpan.FromSeconds(Math.Max(0.1, options.LeaseSeconds / 3.0)), logger), attempt)
            : (null, attempt);
    }

    private async Task RenewAsync(TimeSpan every)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    if (!(await _leases.TryHoldAsync(AgentId, RunId, _stop.Token)).Held)
                    {
                        await _lost.CancelAsync();
                        return;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    _logger.LogWarning(exception, "Renewing the lease of sync {RunId} failed; retrying at the next tick", RunId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    /// <summary>Stops renewing without releasing: another executor of the same run holds the lease now.</summary>
    public async ValueTask AbandonAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await StopRenewingAsync();
        }
    }

    /// <summary>Stops renewing and releases the lease (a release that fails leaves it to expire).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopRenewingAsync();
        try
        {
            await _leases.ReleaseAsync(AgentId, RunId, CancellationToken.None);
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Releasing the lease of sync {RunId} failed; it expires on its own", RunId);
        }
    }

    private async Task StopRenewingAsync()
    {
        await _stop.CancelAsync();
        await _renewal;
    }
}
