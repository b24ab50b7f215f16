using FluentValidation;
using Mediator;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Agents.Specifications;

namespace VapiAgents.Application.Metrics.Queries.GetConcurrency;

/// <summary>Concurrency: the most calls in progress at once over the filter's range, per hour or day.</summary>
public sealed record GetConcurrencyQuery(MetricsFilter Filter, string? Interval = null) : IQuery<ConcurrencyResponse>;

public sealed class GetConcurrencyQueryValidator : AbstractValidator<GetConcurrencyQuery>
{
    public GetConcurrencyQueryValidator()
    {
        this.AddMetricsFilterRules(q => q.Filter);
        this.AddIntervalRules(q => q.Interval, q => q.Filter, SeriesInterval.Hour, SeriesInterval.Day);
    }
}

public sealed class GetConcurrencyQueryHandler(
    MetricsScopeResolver scopes, ICallIntervalReader intervals, IReadRepository<VapiAgent> agents, ICurrentUser currentUser)
    : IQueryHandler<GetConcurrencyQuery, ConcurrencyResponse>
{
    public async ValueTask<ConcurrencyResponse> Handle(GetConcurrencyQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var scope = await scopes.ResolveAsync(userId, query.Filter, cancellationToken);
        var buckets = SeriesPlan.Plan(scope.Range, query.Interval ?? SeriesInterval.Day);
        var calls = await intervals.ReadAsync(userId, scope.Agents.Select(a => a.Id).ToList(), buckets[0].StartMs, buckets[^1].EndMs, cancellationToken);
        var limit = await LimitAsync(userId, scope.Agents, cancellationToken);
        var peaks = ConcurrencySweep.Compute(calls, buckets, limit);
        var zone = scope.Range.Zone;
        return new ConcurrencyResponse(new ConcurrencyDto(
            zone.Id,
            peaks.Peak,
            peaks.PeakAtMs is { } at ? Local(at, zone) : null,
            buckets.Zip(peaks.BucketPeaks, (b, p) => new ConcurrencyPointDto(b.Start, p)).ToList(),
            limit,
            peaks.AtOrAboveLimitMs is { } ms ? Math.Round(ms / 60_000m, 4) : null));
    }

    /// <summary>
    /// The slots of the selected agents' Vapi orgs, summed: each org once (its limit is the one any of the user's live
    /// agents on it carries, so an agent added to the org later shares it). An agent whose org is not known yet
    /// counts as an org of its own. Null when one org has no limit, or nothing is selected.
    /// </summary>
    private async Task<int?> LimitAsync(string userId, IReadOnlyList<VapiAgent> selected, CancellationToken cancellationToken)
    {
        if (selected.Count == 0)
        {
            return null;
        }

        var orgLimits = (await agents.ListAsync(new AgentsForUserSpec(userId, includeDeleted: false), cancellationToken))
            .Where(a => a.VapiOrgId is not null && a.ConcurrencyLimit is not null)
            .GroupBy(a => a.VapiOrgId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(a => a.ConcurrencyLimit!.Value), StringComparer.Ordinal);
        var total = 0;
        foreach (var org in selected.GroupBy(a => a.VapiOrgId ?? $"agent:{a.Id}", StringComparer.Ordinal))
        {
            var limit = orgLimits.TryGetValue(org.Key, out var known) ? known : org.Max(a => a.ConcurrencyLimit);
            if (limit is null)
            {
                return null;
            }

            total += limit.Value;
        }

        return total;
    }

    private static string Local(long ms, TimeZoneInfo zone)
    {
        var utc = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return utc.ToOffset(zone.GetUtcOffset(utc.UtcDateTime)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
    }
}
