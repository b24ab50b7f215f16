using FluentValidation;
using Mediator;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Time;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Metrics.Queries.GetMetrics;

/// <param name="Compare">Also answer the previous period of equal length and the change against it.</param>
/// <param name="Interval">The grain of <see cref="MetricsDto.Series"/> (<see cref="SeriesInterval"/>; default day).</param>
public sealed record GetMetricsQuery(MetricsFilter Filter, bool Compare = true, string? Interval = null) : IQuery<MetricsResponse>;

public sealed class GetMetricsQueryValidator : AbstractValidator<GetMetricsQuery>
{
    public GetMetricsQueryValidator()
    {
        this.AddMetricsFilterRules(q => q.Filter);
        this.AddIntervalRules(q => q.Interval, q => q.Filter, SeriesInterval.Hour, SeriesInterval.Day, SeriesInterval.Week, SeriesInterval.Month);
    }
}

public sealed class GetMetricsQueryHandler(MetricsScopeResolver scopes, IUsageReader reader, ISeriesUsageReader seriesReader, ICurrentUser currentUser)
    : IQueryHandler<GetMetricsQuery, MetricsResponse>
{
    private const int PercentScale = 2;

    public async ValueTask<MetricsResponse> Handle(GetMetricsQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var scope = await scopes.ResolveAsync(userId, query.Filter, cancellationToken);
        var ids = scope.Agents.Select(a => a.Id).ToList();
        var report = await reader.ReadAsync(userId, ids, scope.Range, cancellationToken);
        var previous = query.Compare ? await reader.ReadBriefAsync(userId, ids, scope.Range.Previous, cancellationToken) : (UsageBrief?)null;

        var totals = report.Totals;
        var current = UsageBrief.Of(totals);
        var metrics = new MetricsDto(
            new MetricsRange(Date(scope.Range.First), Date(scope.Range.Last), scope.Range.Zone.Id),
            ids,
            Totals(totals),
            new CostBreakdownDto(
                Dollars(totals, UsageMeasures.Transport), Dollars(totals, UsageMeasures.Stt), Dollars(totals, UsageMeasures.Llm),
                Dollars(totals, UsageMeasures.Tts), Dollars(totals, UsageMeasures.Vapi), Dollars(totals, UsageMeasures.Analysis),
                Dollars(totals, UsageMeasures.Other)),
            new TokensDto(totals[UsageMeasures.LlmPromptTokens], totals[UsageMeasures.LlmCompletionTokens], totals[UsageMeasures.TtsCharacters]),
            Keyed(report.ByEndedReason),
            Keyed(report.ByType),
            Keyed(report.ByStatus),
            new SuccessEvaluationDto(totals[UsageMeasures.Passed], totals[UsageMeasures.Failed], totals[UsageMeasures.UnknownSuccess]),
            report.Daily.Select(d => Daily(d.Date, d.Usage)).ToList(),
            scope.SingleAgent ? null : scope.Agents.Select(a => ByAgent(a, report.ByAgent)).ToList(),
            previous is { } before
                ? new PreviousPeriodDto(Date(scope.Range.Previous.First), Date(scope.Range.Previous.Last), before.Calls, Minutes(before.DurationMs), Money.FromUnits(before.Cost))
                : null,
            previous is { } past
                ? new ChangeDto(Change(current.Calls, past.Calls), Change(current.DurationMs, past.DurationMs), Change(current.Cost, past.Cost))
                : null,
            scope.SingleAgent ? null : await ByClientAsync(userId, scope, current, cancellationToken));
        return new MetricsResponse(metrics with
        {
            Series = await SeriesAsync(userId, ids, scope.Range, query.Interval, report, cancellationToken),
            DurationHistogram = DurationBands.All.Select((band, i) => new DurationBandDto(band.FromSeconds, band.ToSeconds, report.DurationHistogram.ElementAtOrDefault(i))).ToList(),
        });
    }

    /// <summary>Days come with the report already; other grains are one more read.</summary>
    private async Task<List<SeriesEntryDto>> SeriesAsync(
        string userId, List<Guid> ids, DayRange range, string? interval, UsageReport report, CancellationToken cancellationToken)
    {
        var buckets = SeriesPlan.Plan(range, interval);
        var usage = interval is null or SeriesInterval.Day
            ? report.Daily.Select(d => d.Usage).ToList()
            : await seriesReader.ReadAsync(userId, ids, buckets, cancellationToken);
        return buckets.Zip(usage, (b, u) =>
        {
            var resale = ResaleFigures.Of(u);
            return new SeriesEntryDto(b.Start, u.Calls, Minutes(u.DurationMs), resale.Cost, resale.BillableMinutes, resale.Revenue, resale.Margin, resale.MarginPercent);
        }).ToList();
    }

    /// <summary>
    /// Each client's selected agents together (by their current client), so a call two of them share counts once;
    /// when all the agents share one client (or none) that is the totals, read once.
    /// </summary>
    private async Task<List<ClientUsageDto>> ByClientAsync(string userId, MetricsScope scope, UsageBrief totals, CancellationToken cancellationToken)
    {
        var groups = scope.Agents.GroupBy(a => a.ClientId).ToList();
        var names = groups.Any(g => g.Key is not null) ? await scopes.ClientNamesAsync(userId, cancellationToken) : new Dictionary<Guid, string>();
        var rows = new List<ClientUsageDto>(groups.Count);
        foreach (var group in groups)
        {
            var usage = groups.Count == 1 ? totals : await reader.ReadBriefAsync(userId, group.Select(a => a.Id).ToList(), scope.Range, cancellationToken);
            var resale = ResaleFigures.Of(usage);
            rows.Add(new ClientUsageDto(
                group.Key, group.Key is { } id ? names.GetValueOrDefault(id, "") : ResaleFigures.NoClientName,
                usage.Calls, Minutes(usage.DurationMs), resale.Cost, resale.BillableMinutes, resale.Revenue, resale.Margin, resale.MarginPercent));
        }

        return rows.OrderBy(r => r.ClientId is null).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static DailyUsageDto Daily(DateOnly date, UsageBrief usage)
    {
        var resale = ResaleFigures.Of(usage);
        return new DailyUsageDto(Date(date), usage.Calls, Minutes(usage.DurationMs), resale.Cost, resale.BillableMinutes, resale.Revenue, resale.Margin, resale.MarginPercent);
    }

    private static MetricsTotals Totals(UsageSums totals)
    {
        var (calls, durationMs) = (totals[UsageMeasures.Calls], totals[UsageMeasures.DurationMs]);
        var cost = Dollars(totals, UsageMeasures.Cost);
        var seconds = durationMs / 1000m;
        var resale = ResaleFigures.Of(totals);
        return new MetricsTotals(
            calls, Minutes(durationMs), seconds, cost,
            calls == 0 ? 0 : Math.Round(seconds / calls, 3),
            calls == 0 ? 0 : Money.Normalize(cost / calls),
            durationMs == 0 ? 0 : Money.Normalize(cost * 60_000m / durationMs),
            resale.BillableMinutes, resale.Revenue, resale.Margin, resale.MarginPercent);
    }

    private static decimal Dollars(UsageSums sums, UsageMeasure money) => Money.FromUnits(sums[money]);

    private static AgentUsageDto ByAgent(Domain.Agents.VapiAgent agent, IReadOnlyDictionary<Guid, UsageBrief> byAgent)
    {
        var usage = byAgent.GetValueOrDefault(agent.Id);
        var resale = ResaleFigures.Of(usage);
        return new AgentUsageDto(agent.Id, agent.Name, agent.IsActive, usage.Calls, Minutes(usage.DurationMs), resale.Cost,
            resale.BillableMinutes, resale.Revenue, resale.Margin, resale.MarginPercent, agent.ClientId);
    }

    /// <summary>Largest first: by calls, then cost, then key.</summary>
    private static List<KeyedUsageDto> Keyed(IReadOnlyList<BreakdownEntry> entries) =>
        entries.Where(e => e.Calls != 0 || e.Cost != 0)
            .OrderByDescending(e => e.Calls).ThenByDescending(e => e.Cost).ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new KeyedUsageDto(e.Key, e.Calls, Money.FromUnits(e.Cost))).ToList();

    private static decimal Minutes(long durationMs) => ResaleFigures.Minutes(durationMs);

    private static decimal? Change(long current, long previous) =>
        previous == 0 ? null : Math.Round((current - previous) * 100m / previous, PercentScale);

    private static string Date(DateOnly date) => date.ToString(ZonedCalendar.DateFormat, System.Globalization.CultureInfo.InvariantCulture);
}
