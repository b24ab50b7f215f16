using System.Globalization;
using System.Runtime.CompilerServices;
using FluentValidation;
using Mediator;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Time;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Metrics.Queries.ExportMetrics;

/// <summary>The metrics of a filter as CSV rows: one per day (or hour, week, month: <paramref name="Interval"/>), per agent, per client, or per call.</summary>
public sealed record ExportMetricsQuery(MetricsFilter Filter, string? GroupBy = ExportMetricsQuery.ByDay, string? Interval = null) : IQuery<CsvExport>
{
    public const string ByDay = "day";
    public const string ByAgent = "agent";
    public const string ByCall = "call";
    public const string ByClient = "client";

    /// <summary>The resale columns every aggregated row ends with.</summary>
    public static readonly string[] ResaleColumns = ["billableMinutes", "revenue", "margin", "marginPercent"];
}

/// <summary>A CSV document whose rows are produced while it is written (a million calls are never held at once).</summary>
/// <param name="TextColumns">Columns that hold free text (names, reasons), which the writer guards against formula injection.</param>
public sealed record CsvExport(string FileName, IReadOnlyList<string> Header, IReadOnlySet<int> TextColumns, IAsyncEnumerable<IReadOnlyList<string?>> Rows);

public sealed class ExportMetricsQueryValidator : AbstractValidator<ExportMetricsQuery>
{
    public ExportMetricsQueryValidator()
    {
        this.AddMetricsFilterRules(q => q.Filter);
        RuleFor(q => q.GroupBy).Must(g => g is null or ExportMetricsQuery.ByDay or ExportMetricsQuery.ByAgent or ExportMetricsQuery.ByCall or ExportMetricsQuery.ByClient)
            .WithMessage("groupBy must be day, agent, client or call.");
        this.AddIntervalRules(q => q.Interval, q => q.Filter, SeriesInterval.Hour, SeriesInterval.Day, SeriesInterval.Week, SeriesInterval.Month);
        RuleFor(q => q.Interval).Must(i => i is null or SeriesInterval.Day).OverridePropertyName("interval")
            .When(q => q.GroupBy is not (null or ExportMetricsQuery.ByDay) && SeriesInterval.IsKnown(q.Interval))
            .WithMessage("interval other than day needs groupBy=day.");
    }
}

public sealed class ExportMetricsQueryHandler(
    MetricsScopeResolver scopes,
    IUsageReader reader,
    ISeriesUsageReader seriesReader,
    ICallExportSource calls,
    ICurrentUser currentUser) : IQueryHandler<ExportMetricsQuery, CsvExport>
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public async ValueTask<CsvExport> Handle(ExportMetricsQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var scope = await scopes.ResolveAsync(userId, query.Filter, cancellationToken);
        var groupBy = query.GroupBy ?? ExportMetricsQuery.ByDay;
        var interval = query.Interval ?? SeriesInterval.Day;
        var name = $"vapi-usage-{Date(scope.Range.First)}-to-{Date(scope.Range.Last)}-by-{(groupBy == ExportMetricsQuery.ByDay ? interval : groupBy)}.csv";
        return groupBy switch
        {
            ExportMetricsQuery.ByAgent => new CsvExport(name,
                ["agentId", "name", "isActive", "calls", "minutes", "cost", .. ExportMetricsQuery.ResaleColumns], new HashSet<int> { 1 }, ByAgentAsync(userId, scope, cancellationToken)),
            ExportMetricsQuery.ByClient => new CsvExport(name,
                ["clientId", "name", "calls", "minutes", "cost", .. ExportMetricsQuery.ResaleColumns], new HashSet<int> { 1 }, ByClientAsync(userId, scope, cancellationToken)),
            ExportMetricsQuery.ByCall => CsvColumn<ExportedCall>.Export(name, CallColumns(scope), CallsAsync(userId, scope, cancellationToken)),
            _ when interval != SeriesInterval.Day => new CsvExport(name,
                ["start", "calls", "minutes", "durationSeconds", "cost", .. ExportMetricsQuery.ResaleColumns], new HashSet<int>(), BySeriesAsync(userId, scope, interval, cancellationToken)),
            _ => new CsvExport(name, ["date", "calls", "minutes", "durationSeconds", "cost", .. ExportMetricsQuery.ResaleColumns], new HashSet<int>(), ByDayAsync(userId, scope, cancellationToken)),
        };
    }

    private async IAsyncEnumerable<IReadOnlyList<string?>> ByDayAsync(string userId, MetricsScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var report = await reader.ReadAsync(userId, scope.Agents.Select(a => a.Id).ToList(), scope.Range, cancellationToken);
        foreach (var (date, usage) in report.Daily)
        {
            yield return [Date(date), Number(usage.Calls), Number(Minutes(usage.DurationMs)), Number(usage.DurationMs / 1000m), Number(Money.FromUnits(usage.Cost)), .. Resale(usage)];
        }
    }

    private async IAsyncEnumerable<IReadOnlyList<string?>> BySeriesAsync(
        string userId, MetricsScope scope, string interval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buckets = SeriesPlan.Plan(scope.Range, interval);
        var usage = await seriesReader.ReadAsync(userId, scope.Agents.Select(a => a.Id).ToList(), buckets, cancellationToken);
        foreach (var (bucket, brief) in buckets.Zip(usage))
        {
            yield return [bucket.Start, Number(brief.Calls), Number(Minutes(brief.DurationMs)), Number(brief.DurationMs / 1000m), Number(Money.FromUnits(brief.Cost)), .. Resale(brief)];
        }
    }

    private async IAsyncEnumerable<IReadOnlyList<string?>> ByAgentAsync(string userId, MetricsScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var report = await reader.ReadAsync(userId, scope.Agents.Select(a => a.Id).ToList(), scope.Range, cancellationToken);
        foreach (var agent in scope.Agents)
        {
            var usage = report.ByAgent.GetValueOrDefault(agent.Id);
            yield return [agent.Id.ToString(), agent.Name, agent.IsActive ? "true" : "false", Number(usage.Calls), Number(Minutes(usage.DurationMs)), Number(Money.FromUnits(usage.Cost)), .. Resale(usage)];
        }
    }

    /// <summary>Each client's selected agents together (a call two of them share counts once), by their current client.</summary>
    private async IAsyncEnumerable<IReadOnlyList<string?>> ByClientAsync(string userId, MetricsScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = await scopes.ClientNamesAsync(userId, cancellationToken);
        var groups = scope.Agents.GroupBy(a => a.ClientId)
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key is { } id ? names.GetValueOrDefault(id, "") : "", StringComparer.OrdinalIgnoreCase);
        foreach (var group in groups)
        {
            var usage = await reader.ReadBriefAsync(userId, group.Select(a => a.Id).ToList(), scope.Range, cancellationToken);
            yield return [group.Key?.ToString() ?? "", group.Key is { } id ? names.GetValueOrDefault(id, "") : ResaleFigures.NoClientName,
                Number(usage.Calls), Number(Minutes(usage.DurationMs)), Number(Money.FromUnits(usage.Cost)), .. Resale(usage)];
        }
    }

    private static string?[] Resale(UsageBrief usage)
    {
        var resale = ResaleFigures.Of(usage);
        return [Number(resale.BillableMinutes), Number(resale.Revenue), Number(resale.Margin), resale.MarginPercent is { } percent ? Number(percent) : ""];
    }

    /// <summary>
    /// A call's identity and outcome, then one column per measure a call carries (<see cref="UsageMeasures.PerCall"/>, in
    /// its order), then its margin.
    /// </summary>
    private static List<CsvColumn<ExportedCall>> CallColumns(MetricsScope scope)
    {
        var names = scope.Agents.ToDictionary(a => a.Id, a => a.Name);
        var zone = scope.Range.Zone;
        return
        [
            new("callId", c => c.Facts.Id, IsText: true),
            new("createdAt", c => new DateTimeOffset(c.Facts.CreatedAt).ToOffset(zone.GetUtcOffset(c.Facts.CreatedAt)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", Invariant)),
            new("agents", c => string.Join("; ", c.AgentIds.Select(id => names[id])), IsText: true),
            new("assistantId", c => c.Facts.AssistantId, IsText: true),
            new("type", c => c.Facts.Type, IsText: true),
            new("status", c => c.Facts.Status, IsText: true),
            new("endedReason", c => c.Facts.EndedReason, IsText: true),
            new("durationSeconds", c => Number(c.Facts.DurationMs / 1000m)),
            .. UsageMeasures.PerCall.Select(m => new CsvColumn<ExportedCall>(m.FieldName, c => Number(m.Display(m.Of(c.Facts))))),
            new("successEvaluation", c => c.Facts.SuccessEvaluation, IsText: true),
            new("successOutcome", c => c.Facts.SuccessOutcome.ToString().ToLowerInvariant()),
            new("margin", c => Number(Money.Normalize(c.Facts.Revenue - c.Facts.Cost))),
        ];
    }

    private IAsyncEnumerable<ExportedCall> CallsAsync(string userId, MetricsScope scope, CancellationToken cancellationToken) =>
        calls.StreamAsync(userId, [.. scope.Agents.Select(a => a.Id)], ZonedCalendar.StartOfDayUtc(scope.Range.First, scope.Range.Zone),
            ZonedCalendar.StartOfDayUtc(scope.Range.Last.AddDays(1), scope.Range.Zone), cancellationToken);

    private static decimal Minutes(long durationMs) => Math.Round(durationMs / 60_000m, 6);

    private static string Number(decimal value) => value.ToString(Invariant);

    private static string Number(long value) => value.ToString(Invariant);

    private static string Date(DateOnly date) => date.ToString(ZonedCalendar.DateFormat, Invariant);
}
