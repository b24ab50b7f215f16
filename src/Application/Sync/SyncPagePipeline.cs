using System.Threading.Channels;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Common.Vapi;
using VapiAgents.Application.Sync.Paging;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Sync;

/// <summary>
/// Reads a run's window from Vapi page by page while the previous pages are being stored (a small bounded
/// pipeline) and counts each stored batch on the run. Each batch is stored atomically, so a run stopped half-way
/// loses nothing: the next run re-reads and the upserts are idempotent.
/// </summary>
public sealed class SyncPagePipeline(VapiCallPager pager, IUsageStore store, IOptions<SyncOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <param name="saveProgress">Saves the run's counts (at most every 250 ms), so they grow while it runs.</param>
    /// <returns>The Vapi organisation the agent's calls belong to, when any call was read.</returns>
    public async Task<string?> RunAsync(
        SyncRun run, VapiAgent agent, SecretValue apiKey, Func<CancellationToken, Task> saveProgress, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<PagerEvent>(new BoundedChannelOptions(Math.Max(1, options.Value.PipelinePages))
        {
            SingleReader = true,
            SingleWriter = true,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = new TimeWindow(run.Mode == SyncMode.Range ? CallTimeField.CreatedAt : CallTimeField.UpdatedAt, run.WindowStart, run.WindowEnd);
        var producer = Task.Run(() => ProduceAsync(channel.Writer, apiKey, window, agent.AssistantId, stop.Token), CancellationToken.None);

        try
        {
            return await ConsumeAsync(channel.Reader, run, agent, saveProgress, cancellationToken);
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

    private async Task<string?> ConsumeAsync(
        ChannelReader<PagerEvent> reader, SyncRun run, VapiAgent agent, Func<CancellationToken, Task> saveProgress, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lastProgress = clock.GetTimestamp();
        string? org = null;

        while (await reader.WaitToReadAsync(cancellationToken))
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
                var stored = await StoreAsync(pages, run, agent, seen, cancellationToken);
                org ??= stored;
            }

            if (clock.GetElapsedTime(lastProgress) >= ProgressInterval)
            {
                await saveProgress(cancellationToken);
                lastProgress = clock.GetTimestamp();
            }
        }

        return org;
    }

    private async Task<string?> StoreAsync(List<CallPage> pages, SyncRun run, VapiAgent agent, HashSet<string> seen, CancellationToken cancellationToken)
    {
        var calls = pages.Count == 1 ? pages[0].Calls : pages.SelectMany(page => page.Calls).ToList();
        var stored = await store.UpsertAsync(agent.Id, agent.UserId, calls, clock.GetUtcNow().UtcDateTime, cancellationToken);
        for (var i = 0; i < pages.Count; i++)
        {
            // Pages are counted as Vapi served them; the batch's created and updated counts go with the first.
            var page = pages[i];
            run.RecordPage(page.Calls.Count(call => seen.Add(call.Id)), i == 0 ? stored.Created : 0, i == 0 ? stored.Updated : 0, page.Malformed);
        }

        return calls.FirstOrDefault()?.OrgId;
    }
}
