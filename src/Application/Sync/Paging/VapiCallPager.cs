using System.Runtime.CompilerServices;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Common.Vapi;

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
/// on both is reported as saturated. Correctness never depends on the order Vapi returns calls in.
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

        var split = Split(primary, secondary);
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

    /// <summary>The two halves to read instead of a full window, or null when nothing is left to split.</summary>
    internal static (TimeWindow Primary, TimeWindow? Secondary)[]? Split(TimeWindow primary, TimeWindow? secondary)
    {
        if (!primary.IsInstant)
        {
            var (upper, lower) = primary.Halve();
            return [(upper, secondary), (lower, secondary)];
        }

        if (secondary is null)
        {
            var other = primary.Field == CallTimeField.CreatedAt
                ? new TimeWindow(CallTimeField.UpdatedAt, primary.From, primary.To + UpdateHorizon)
                : new TimeWindow(CallTimeField.CreatedAt, Epoch, primary.To);
            return [(primary, other)];
        }

        if (!secondary.IsInstant)
        {
            var (upper, lower) = secondary.Halve();
            return [(primary, upper), (primary, lower)];
        }

        return null;
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
