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
            ExportMetricsQuery.ByCall => new CsvExport(name,
                ["callId", "createdAt", "agents", "assistantId", "type", "status", "endedReason", "durationSeconds", "cost",
                 "transport", "stt", "llm", "tts", "vapi", "analysis", "other", "llmPromptTokens", "llmCompletionTokens",
                 "ttsCharacters", "successEvaluation", "successOutcome", "billableSeconds", "revenue", "margin"],
                new HashSet<int> { 0, 2, 3, 4, 5, 6, 19 }, ByCallAsync(userId, scope, cancellationToken)),
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

    private async IAsyncEnumerable<IReadOnlyList<string?>> ByCallAsync(string userId, MetricsScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = scope.Agents.ToDictionary(a => a.Id, a => a.Name);
        var from = ZonedCalendar.StartOfDayUtc(scope.Range.First, scope.Range.Zone);
        var to = ZonedCalendar.StartOfDayUtc(scope.Range.Last.AddDays(1), scope.Range.Zone);
        await foreach (var call in calls.StreamAsync(userId, names.Keys, from, to, cancellationToken))
        {
            var f = call.Facts;
            var local = new DateTimeOffset(f.CreatedAt).ToOffset(scope.Range.Zone.GetUtcOffset(f.CreatedAt));
            yield return
            [
                f.Id, local.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", Invariant), string.Join("; ", call.AgentIds.Select(id => names[id])),
                f.AssistantId, f.Type, f.Status, f.EndedReason, Number(f.DurationMs / 1000m), Number(f.Cost),
                Number(f.Parts.Transport), Number(f.Parts.Stt), Number(f.Parts.Llm), Number(f.Parts.Tts), Number(f.Parts.Vapi),
                Number(f.Parts.Analysis), Number(f.OtherCost), Number(f.LlmPromptTokens), Number(f.LlmCompletionTokens),
                Number(f.TtsCharacters), f.SuccessEvaluation, f.SuccessOutcome.ToString().ToLowerInvariant(),
                Number(f.BillableSeconds), Number(f.Revenue), Number(Money.Normalize(f.Revenue - f.Cost)),
            ];
        }
    }

    private static decimal Minutes(long durationMs) => Math.Round(durationMs / 60_000m, 6);

    private static string Number(decimal value) => value.ToString(Invariant);

    private static string Number(long value) => value.ToString(Invariant);

    private static string Date(DateOnly date) => date.ToString(ZonedCalendar.DateFormat, Invariant);
}
