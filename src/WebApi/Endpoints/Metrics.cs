using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VapiAgents.Application.Metrics;
using VapiAgents.Application.Metrics.Queries.CompareAgents;
using VapiAgents.Application.Metrics.Queries.ExportMetrics;
using Microsoft.AspNetCore.Mvc;
using VapiAgents.Application.Metrics.Queries.GetConcurrency;
using VapiAgents.Application.Metrics.Queries.GetHeatmap;
using VapiAgents.Application.Metrics.Queries.GetMetrics;
using VapiAgents.WebApi.Configurations;
using VapiAgents.WebApi.Infrastructure;

namespace VapiAgents.WebApi.Endpoints;

/// <summary>The seed's metrics route: one agent's usage, or all the user's active agents together; and its CSV export.</summary>
public sealed class Metrics : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/vapi/metrics").WithTags("Metrics").RequireAuthorization()
            .RequireRateLimiting(RateLimitConfig.Expensive).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("", GetMetrics).WithName(nameof(GetMetrics))
            .WithSummary("Usage and cost per agent or aggregated, over local days in a time zone (default: the last 30 days in UTC).")
            .WithDescription("Totals, cost by component, daily series, breakdowns by ended reason, type, status and success evaluation, and by agent when several agents are selected; compare adds the previous period. A call seen by several of your agents counts once.");
        group.MapGet("export", ExportMetrics).WithName(nameof(ExportMetrics))
            .WithSummary("The same as CSV, a row per day, per agent, per client or per call.")
            .WithDescription("groupBy=day (default), agent, client or call; with groupBy=day, interval=hour, day, week or month; the same filters as GET /api/vapi/metrics. Streamed as text/csv; at most 2 exports of a user stream at once (429 with Retry-After).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .RequireConcurrentExportLimit();
        group.MapGet("heatmap", GetHeatmap).WithName(nameof(GetHeatmap))
            .WithSummary("Peak hours: usage by local weekday and hour (168 cells).")
            .WithDescription("The same filters as the metrics route. Each call counts in the local weekday and wall-clock hour it was created; the cells add up to the metrics totals.");
        group.MapGet("concurrency", GetConcurrency).WithName(nameof(GetConcurrency))
            .WithSummary("The most calls in progress at once, over the range and per hour or day.")
            .WithDescription("The same filters as the metrics route. A call occupies [startedAt, endedAt); calls that only touch do not overlap, and a call seen by several of your agents counts once.");
        group.MapGet("compare", CompareAgents).WithName(nameof(CompareAgents))
            .WithSummary("2 to 20 of your agents side by side, in the order asked.")
            .WithDescription("Calls, minutes, averages, success rate, top 3 ended reasons, cost, revenue and margin of each agent over the same local days. " +
                             "agentIds comma-separated or the parameter repeated; an id that is not yours answers 404 naming agentIds.");
    }

    /// <param name="agentIds">2–20 of your agents' ids, comma-separated or the parameter repeated.</param>
    /// <param name="startDate">First day, YYYY-MM-DD in <paramref name="timezone"/>.</param>
    /// <param name="endDate">Last day (inclusive), YYYY-MM-DD.</param>
    /// <param name="timezone">IANA time zone; default UTC.</param>
    /// <param name="includeDeleted">Allow deleted agents' ids.</param>
    public static async Task<Ok<CompareResponse>> CompareAgents(
        ISender sender, CancellationToken cancellationToken, [FromQuery] string?[]? agentIds = null, string? startDate = null, string? endDate = null,
        string? timezone = null, bool includeDeleted = false) =>
        TypedResults.Ok(await sender.Send(
            new CompareAgentsQuery(agentIds ?? [], new MetricsFilter(null, startDate, endDate, timezone, IncludeDeleted: includeDeleted)),
            cancellationToken));

    /// <param name="agentId">One agent (it may be inactive); without it, all your active agents together.</param>
    /// <param name="startDate">First day, YYYY-MM-DD in <paramref name="timezone"/>.</param>
    /// <param name="endDate">Last day (inclusive), YYYY-MM-DD.</param>
    /// <param name="timezone">IANA time zone; default UTC.</param>
    /// <param name="includeInactive">Count inactive agents in the aggregate.</param>
    /// <param name="includeDeleted">Count deleted agents' history (or read one by its id).</param>
    /// <param name="compare">Also answer the previous period of the same length (default true).</param>
    /// <param name="interval">Grain of <c>series</c>: hour (ranges of 31 days or less), day (default), week or month.</param>
    /// <param name="clientId">Only that client's agents (one of your clients; another user's answers 404 naming clientId).</param>
    public static async Task<Ok<MetricsResponse>> GetMetrics(
        ISender sender, CancellationToken cancellationToken, Guid? agentId = null, string? startDate = null, string? endDate = null,
        string? timezone = null, bool includeInactive = false, bool includeDeleted = false, bool compare = true, string? interval = null, Guid? clientId = null) =>
        TypedResults.Ok(await sender.Send(
            new GetMetricsQuery(new MetricsFilter(agentId, startDate, endDate, timezone, includeInactive, includeDeleted, clientId), compare, interval),
            cancellationToken));

    /// <param name="clientId">Only that client's agents.</param>
    public static async Task<Ok<HeatmapResponse>> GetHeatmap(
        ISender sender, CancellationToken cancellationToken, Guid? agentId = null, string? startDate = null, string? endDate = null,
        string? timezone = null, bool includeInactive = false, bool includeDeleted = false, Guid? clientId = null) =>
        TypedResults.Ok(await sender.Send(
            new GetHeatmapQuery(new MetricsFilter(agentId, startDate, endDate, timezone, includeInactive, includeDeleted, clientId)), cancellationToken));

    /// <param name="interval">hour (ranges of 31 days or less) or day (default).</param>
    /// <param name="clientId">Only that client's agents.</param>
    public static async Task<Ok<ConcurrencyResponse>> GetConcurrency(
        ISender sender, CancellationToken cancellationToken, Guid? agentId = null, string? startDate = null, string? endDate = null,
        string? timezone = null, bool includeInactive = false, bool includeDeleted = false, string? interval = null, Guid? clientId = null) =>
        TypedResults.Ok(await sender.Send(
            new GetConcurrencyQuery(new MetricsFilter(agentId, startDate, endDate, timezone, includeInactive, includeDeleted, clientId), interval), cancellationToken));

    /// <param name="groupBy">day (default), agent, client or call.</param>
    /// <param name="interval">With groupBy=day: hour, day (default), week or month rows.</param>
    /// <param name="clientId">Only that client's agents.</param>
    public static async Task<CsvResult> ExportMetrics(
        ISender sender, CancellationToken cancellationToken, Guid? agentId = null, string? startDate = null, string? endDate = null,
        string? timezone = null, bool includeInactive = false, bool includeDeleted = false, string? groupBy = null, string? interval = null, Guid? clientId = null) =>
        new(await sender.Send(
            new ExportMetricsQuery(new MetricsFilter(agentId, startDate, endDate, timezone, includeInactive, includeDeleted, clientId), groupBy, interval),
            cancellationToken));
}
