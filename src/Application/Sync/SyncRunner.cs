using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Common.Vapi;
using VapiAgents.Application.Sync.Paging;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Sync;

/// <summary>How a run ended: the run, and the failure that ended it (null when it succeeded or was partial).</summary>
public sealed record SyncOutcome(SyncRun Run, Exception? Failure);

/// <summary>
/// Executes one queued run: reads its window from Vapi page by page while the previous page is being
/// stored (a small bounded pipeline), keeps the agent's lease alive, records progress, and ends the run
/// and the agent's sync state. Each page is stored atomically, so a run killed half-way loses nothing:
/// the next run re-reads and the upserts are idempotent. The agent's high-water mark moves only at the end.
/// </summary>
public sealed class SyncRunner(
    IRepository<SyncRun> runs,
    IReadRepository<VapiAgent> agents,
    IAgentBookkeeping bookkeeping,
    ISecretProtector protector,
    VapiCallPager pager,
    IUsageStore store,
    ISyncLeases leases,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<SyncRunner> logger,
    Alerts.AlertTrigger alerts)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    // The organisation the agent's calls belong to (webhooks check a reported call against it).
    private string? _orgSeen;

    private SyncOptions Options => options.Value;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<SyncOutcome> RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await runs.GetByIdAsync(runId, cancellationToken) ?? throw new NotFoundException("Sync");
        if (run.IsFinished)
        {
            return new SyncOutcome(run, null);
        }

        var agent = await agents.GetByIdAsync(run.AgentId, cancellationToken);
        if (agent is null || agent.IsDeleted)
        {
            return await EndAsync(run, "The agent was deleted before its sync could run.", null, cancellationToken);
        }

        if (!(await leases.TryHoldAsync(agent.Id, run.Id, cancellationToken)).Held)
        {
            return await EndAsync(run, "Another sync of this agent is running.", null, cancellationToken);
        }

        Exception? failure = null;
        try
        {
            run.Start(Now);
            await runs.SaveChangesAsync(cancellationToken);
            await bookkeeping.UpdateAsync(agent.Id, a => a.RecordSyncStarted(), cancellationToken);

            var apiKey = protector.Unseal(agent.ApiKey!, SecretPurpose.VapiApiKey, agent.Id);
            await PumpAsync(run, agent, apiKey, cancellationToken);
            run.Complete(Now);
        }
        catch (Exception exception) when (exception is VapiKeyRejectedException or VapiUnavailableException or SecretUnsealException or SyncLeaseLostException)
        {
            failure = exception;
            run.Fail(exception.Message, Now);
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            failure = exception;
            run.Fail("The sync was stopped before it finished (the server was shutting down); the next sync completes it.", Now);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Sync {RunId} of agent {AgentId} failed unexpectedly", run.Id, run.AgentId);
            failure = exception;
            run.Fail("The sync stopped on an unexpected error; the next sync completes it.", Now);
        }
        finally
        {
            // Record the end even when the caller gave up waiting, and release the lease whatever fails here:
            // a lease that cannot be released still expires, and the next sync completes the work.
            await BestEffortAsync(() => runs.SaveChangesAsync(CancellationToken.None), run);
            await BestEffortAsync(() => RecordOnAgentAsync(run, failure), run);
            await BestEffortAsync(() => leases.ReleaseAsync(agent.Id, run.Id, CancellationToken.None), run);
        }

        // Alerts follow what the run changed (spend, a failing streak), before a waiting caller hears it ended.
        if (failure is not null || run.Created + run.Updated > 0)
        {
            await alerts.AfterSyncAsync(run.UserId, CancellationToken.None);
        }

        return new SyncOutcome(run, failure);
    }

    private async Task BestEffortAsync(Func<Task> step, SyncRun run)
    {
        try
        {
            await step();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Ending sync {RunId} of agent {AgentId} did not complete; its lease will expire", run.Id, run.AgentId);
        }
    }

    private Task RecordOnAgentAsync(SyncRun run, Exception? failure)
    {
        var now = Now;
        var org = _orgSeen;
        return failure is null
            ? bookkeeping.UpdateAsync(run.AgentId, a =>
            {
                a.RecordSyncSucceeded(now, run.Mode == SyncMode.Incremental ? run.WindowEnd : null, run.Status == SyncRunStatus.Partial, run.Error);
                a.RecordOrg(org);
            }, CancellationToken.None)
            : bookkeeping.UpdateAsync(run.AgentId, a => a.RecordSyncFailed(
                run.Error ?? "The sync failed.", failure is VapiKeyRejectedException, Options.PauseAfterKeyRejections), CancellationToken.None);
    }

    private async Task PumpAsync(SyncRun run, VapiAgent agent, SecretValue apiKey, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<PagerEvent>(new BoundedChannelOptions(Math.Max(1, Options.PipelinePages))
        {
            SingleReader = true,
            SingleWriter = true,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = new TimeWindow(run.Mode == SyncMode.Range ? CallTimeField.CreatedAt : CallTimeField.UpdatedAt, run.WindowStart, run.WindowEnd);
        var producer = Task.Run(() => ProduceAsync(channel.Writer, apiKey, window, agent.AssistantId, stop.Token), CancellationToken.None);

        try
        {
            await ConsumeAsync(channel.Reader, run, agent, cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }

    private async Task ProduceAsync(ChannelWriter<PagerEvent> writer, SecretValue apiKey, TimeWindow window, string? assistantId, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var found in pager.ReadAsync(apiKey, window, assistantId, cancellationToken))
            {
                await writer.WriteAsync(found, cancellationToken);
            }

            writer.Complete();
        }
        catch (Exception exception)
        {
            writer.TryComplete(exception);
        }
    }

    private async Task ConsumeAsync(ChannelReader<PagerEvent> reader, SyncRun run, VapiAgent agent, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var leaseRenewal = TimeSpan.FromSeconds(Math.Max(1, Options.LeaseSeconds / 3.0));
        var lastRenewal = clock.GetTimestamp();
        var lastProgress = clock.GetTimestamp();

        while (await WaitRenewingLeaseAsync(reader, run, leaseRenewal, cancellationToken))
        {
            // Every page already waiting is stored in one batch: when the database is the slower side, fewer,
            // larger transactions cost less per call (locks, lookups, commits), and each batch is still atomic.
            var pages = new List<CallPage>();
            while (reader.TryRead(out var found))
            {
                if (found is PageRead read)
                {
                    pages.Add(read.Page);
                }
                else if (found is WindowSaturated)
                {
                    run.RecordSaturatedWindow();
                }
            }

            if (pages.Count > 0)
            {
                await StoreAsync(pages, run, agent, seen, cancellationToken);
            }

            if (clock.GetElapsedTime(lastProgress) >= ProgressInterval)
            {
                await runs.SaveChangesAsync(cancellationToken);
                lastProgress = clock.GetTimestamp();
            }

            if (clock.GetElapsedTime(lastRenewal) >= leaseRenewal)
            {
                await RenewLeaseAsync(run, cancellationToken);
                lastRenewal = clock.GetTimestamp();
            }
        }
    }

    private async Task StoreAsync(List<CallPage> pages, SyncRun run, VapiAgent agent, HashSet<string> seen, CancellationToken cancellationToken)
    {
        var calls = pages.Count == 1 ? pages[0].Calls : pages.SelectMany(page => page.Calls).ToList();
        var stored = await store.UpsertAsync(agent.Id, agent.UserId, calls, Now, cancellationToken);
        _orgSeen ??= calls.FirstOrDefault()?.OrgId;
        for (var i = 0; i < pages.Count; i++)
        {
            // Pages are counted as Vapi served them; the batch's created and updated counts go with the first.
            var page = pages[i];
            run.RecordPage(page.Calls.Count(call => seen.Add(call.Id)), i == 0 ? stored.Created : 0, i == 0 ? stored.Updated : 0, page.Malformed);
        }
    }

    /// <summary>Waits for the next page, renewing the lease while Vapi is slow (retries and Retry-After can take long).</summary>
    private async Task<bool> WaitRenewingLeaseAsync(ChannelReader<PagerEvent> reader, SyncRun run, TimeSpan renewal, CancellationToken cancellationToken)
    {
        var next = reader.WaitToReadAsync(cancellationToken).AsTask();
        while (await Task.WhenAny(next, Task.Delay(renewal, cancellationToken)) != next)
        {
            await RenewLeaseAsync(run, cancellationToken);
        }

        return await next;
    }

    private async Task RenewLeaseAsync(SyncRun run, CancellationToken cancellationToken)
    {
        if (!(await leases.TryHoldAsync(run.AgentId, run.Id, cancellationToken)).Held)
        {
            throw new SyncLeaseLostException();
        }
    }

    private async Task<SyncOutcome> EndAsync(SyncRun run, string error, Exception? failure, CancellationToken cancellationToken)
    {
        run.Fail(error, Now);
        await runs.SaveChangesAsync(cancellationToken);
        return new SyncOutcome(run, failure);
    }
}

/// <summary>The run's lease expired and another run took the agent (this process stalled past the lease).</summary>
public sealed class SyncLeaseLostException()
    : Exception("This sync lost its lease on the agent (it stalled for longer than the lease) and stopped; another sync took over.");
