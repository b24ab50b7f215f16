using System.Runtime.CompilerServices;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Common.Vapi;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Sync.Paging;

/// <summary>What the pager found: a page of calls to store, or a window it could not read to the end.</summary>
public abstract record PagerEvent;

public sealed record PageRead(CallPage Page) : PagerEvent;

/// <summary>A window of one instant on both time fields that still filled a page: Vapi cannot list past it.</summary>
public sealed record WindowSaturated(TimeWindow Window) : PagerEvent;

/// <summary>
/// Reads every call of a window from Vapi's <c>GET /call</c>, which answers at most a page, with no cursor, no
/// total and no documented order. It walks sub-windows from the newest back, sizing them to fill about half a
/// page; a full page proves nothing about the rest of its window, so that window is halved and read again.
/// A window that is a single instant is narrowed along the other time field; one that is a single instant
/// on both is reported as saturated. A full window is cut where the page it returned is cut in half (its
/// median time), which lands near the middle of the calls however they are spread — a batch campaign of a
/// thousand calls in a few minutes of a year-long window splits in one step, not thirty. Correctness never
/// depends on the order Vapi returns calls in, nor on where the cut falls.
/// </summary>
public sealed class VapiCallPager(IVapiClient vapi, SyncOptions options)
{
    private static readonly TimeSpan FirstSpan = TimeSpan.FromDays(1);
    private static readonly TimeSpan SmallestSpan = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LargestSpan = TimeSpan.FromDays(31);

    // Bounds of the other field when an instant must be narrowed: a call is updated at or after it is created.
    private static readonly DateTime Epoch = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan UpdateHorizon = TimeSpan.FromDays(366);

    public async IAsyncEnumerable<PagerEvent> ReadAsync(
        SecretValue apiKey, TimeWindow range, string? assistantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var target = Math.Max(1, options.PageSize / 2);
        var span = FirstSpan;
        var end = range.To;
        while (end > range.From)
        {
            var start = end - span < range.From ? range.From : end - span;
            var calls = 0;
            await foreach (var found in ReadWindowAsync(apiKey, range with { From = start, To = end }, null, assistantId, cancellationToken))
            {
                calls += found is PageRead read ? read.Page.Items : options.PageSize;
                yield return found;
            }

            span = NextSpan(span, calls, target);
            end = start;
        }
    }

    /// <summary>Aims the next window at about <paramref name="target"/> calls, judging by the density just seen.</summary>
    internal static TimeSpan NextSpan(TimeSpan span, int calls, int target)
    {
        var next = calls == 0 ? span * 4 : span * ((double)target / calls);
        return next < SmallestSpan ? SmallestSpan : next > LargestSpan ? LargestSpan : next;
    }

    private async IAsyncEnumerable<PagerEvent> ReadWindowAsync(
        SecretValue apiKey, TimeWindow primary, TimeWindow? secondary, string? assistantId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = await FetchAsync(apiKey, new CallListQuery(primary, secondary, assistantId, options.PageSize), cancellationToken);
        if (!page.IsFull(options.PageSize))
        {
            yield return new PageRead(page);
            yield break;
        }

        var split = Split(primary, secondary, page.Calls);
        if (split is null)
        {
            // The page holds real calls: keep them, and say that more may exist here.
            yield return new PageRead(page);
            yield return new WindowSaturated(secondary ?? primary);
            yield break;
        }

        foreach (var (nextPrimary, nextSecondary) in split)
        {
            await foreach (var found in ReadWindowAsync(apiKey, nextPrimary, nextSecondary, assistantId, cancellationToken))
            {
                yield return found;
            }
        }
    }

    /// <summary>The two parts to read instead of a full window, or null when nothing is left to split.</summary>
    /// <param name="page">The calls the full window returned: where they fall chooses the cut.</param>
    internal static (TimeWindow Primary, TimeWindow? Secondary)[]? Split(TimeWindow primary, TimeWindow? secondary, IReadOnlyList<CallFacts> page)
    {
        if (!primary.IsInstant)
        {
            var (upper, lower) = Cut(primary, page);
            return [(upper, secondary), (lower, secondary)];
        }

        if (secondary is null)
        {
            var other = primary.Field == CallTimeField.CreatedAt
                ? new TimeWindow(CallTimeField.UpdatedAt, primary.From, primary.To + UpdateHorizon)
                : new TimeWindow(CallTimeField.CreatedAt, Epoch, primary.To);
            var (upper, lower) = Cut(other, page);
            return [(primary, upper), (primary, lower)];
        }

        if (!secondary.IsInstant)
        {
            var (upper, lower) = Cut(secondary, page);
            return [(primary, upper), (primary, lower)];
        }

        return null;
    }

    /// <summary>
    /// At the page's median time on the window's field when that lies inside the window; just after the window's
    /// first instant when the page is piled up there (so the pile is isolated in one step); else in the middle.
    /// </summary>
    private static (TimeWindow Upper, TimeWindow Lower) Cut(TimeWindow window, IReadOnlyList<CallFacts> page)
    {
        var times = page.Select(c => window.Field == CallTimeField.CreatedAt ? c.CreatedAt : c.UpdatedAt)
            .Where(t => t >= window.From && t < window.To).Order().ToList();
        if (times.Count == 0)
        {
            return window.Halve();
        }

        var median = times[times.Count / 2];
        return median > window.From ? window.SplitAt(median) : window.SplitAt(window.From + TimeWindow.Tick);
    }

    /// <summary>One page; a body that arrives cut or garbled is asked for again a few times before giving up.</summary>
    private async Task<CallPage> FetchAsync(SecretValue apiKey, CallListQuery query, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await vapi.ListCallsAsync(apiKey, query, cancellationToken);
            }
            catch (VapiUnreadablePageException) when (attempt < options.PageAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt * attempt), cancellationToken);
            }
        }
    }
}
