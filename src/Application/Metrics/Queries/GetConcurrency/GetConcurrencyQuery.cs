using FluentValidation;
using Mediator;
using VapiAgents.Application.Common.Interfaces;

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

public sealed class GetConcurrencyQueryHandler(MetricsScopeResolver scopes, ICallIntervalReader intervals, ICurrentUser currentUser)
    : IQueryHandler<GetConcurrencyQuery, ConcurrencyResponse>
{
    public async ValueTask<ConcurrencyResponse> Handle(GetConcurrencyQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var scope = await scopes.ResolveAsync(userId, query.Filter, cancellationToken);
        var buckets = SeriesPlan.Plan(scope.Range, query.Interval ?? SeriesInterval.Day);
        var calls = await intervals.ReadAsync(userId, scope.Agents.Select(a => a.Id).ToList(), buckets[0].StartMs, buckets[^1].EndMs, cancellationToken);
        var peaks = ConcurrencySweep.Compute(calls, buckets);
        var zone = scope.Range.Zone;
        return new ConcurrencyResponse(new ConcurrencyDto(
            zone.Id,
            peaks.Peak,
            peaks.PeakAtMs is { } at ? Local(at, zone) : null,
            buckets.Zip(peaks.BucketPeaks, (b, p) => new ConcurrencyPointDto(b.Start, p)).ToList()));
    }

    private static string Local(long ms, TimeZoneInfo zone)
    {
        var utc = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return utc.ToOffset(zone.GetUtcOffset(utc.UtcDateTime)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
    }
}
