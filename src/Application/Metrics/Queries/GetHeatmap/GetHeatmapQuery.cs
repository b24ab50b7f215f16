using FluentValidation;
using Mediator;
using VapiAgents.Application.Common.Interfaces;

namespace VapiAgents.Application.Metrics.Queries.GetHeatmap;

/// <summary>Peak hours: the filter's usage by local weekday and hour.</summary>
public sealed record GetHeatmapQuery(MetricsFilter Filter) : IQuery<HeatmapResponse>;

public sealed class GetHeatmapQueryValidator : AbstractValidator<GetHeatmapQuery>
{
    public GetHeatmapQueryValidator() => this.AddMetricsFilterRules(q => q.Filter);
}

public sealed class GetHeatmapQueryHandler(MetricsScopeResolver scopes, ISeriesUsageReader seriesReader, ICurrentUser currentUser)
    : IQueryHandler<GetHeatmapQuery, HeatmapResponse>
{
    public async ValueTask<HeatmapResponse> Handle(GetHeatmapQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var scope = await scopes.ResolveAsync(userId, query.Filter, cancellationToken);
        // Local wall-clock hours, so a call lands in the hour its caller's clock showed, across DST changes.
        var hours = SeriesPlan.Plan(scope.Range, SeriesInterval.Hour);
        var usage = await seriesReader.ReadAsync(userId, scope.Agents.Select(a => a.Id).ToList(), hours, cancellationToken);
        var cells = HourOfWeek.Fold(hours, usage);
        return new HeatmapResponse(new HeatmapDto(
            scope.Range.Zone.Id,
            cells.Select((c, i) =>
            {
                var resale = ResaleFigures.Of(c);
                return new HeatmapCellDto(i / 24 + 1, i % 24, c.Calls, Math.Round(c.DurationMs / 60_000m, 6), resale.Cost, resale.Revenue, resale.Margin);
            }).ToList()));
    }
}
