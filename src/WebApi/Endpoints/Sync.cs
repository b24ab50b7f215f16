using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VapiAgents.Application.Sync;
using VapiAgents.Application.Sync.Commands.SyncAgentMetrics;
using VapiAgents.Application.Sync.Queries.GetSyncRun;
using VapiAgents.Application.Sync.Queries.ListSyncRuns;

namespace VapiAgents.WebApi.Endpoints;

/// <summary>The seed's sync routes: start a sync of one agent, list its runs, follow one run.</summary>
public sealed class Sync : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/vapi/sync").WithTags("Sync").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("", SyncAgent).WithName(nameof(SyncAgent))
            .WithSummary("Syncs an agent's calls from Vapi: with dates, the calls created in that range; without, what changed since its last sync.")
            .WithDescription("wait=true (default) answers when the run ends; wait=false answers 202 with the queued run to follow at GET /api/vapi/sync/{syncId}. One sync per agent at a time (409); manual syncs are limited per user (429 with Retry-After).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapGet("", ListSyncs).WithName(nameof(ListSyncs))
            .WithSummary("An agent's sync runs, newest first.")
            .WithDescription("Trigger, mode, window, counts, status and error of each run; limit/offset page through them.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("{syncId:guid}", GetSync).WithName(nameof(GetSync))
            .WithSummary("One sync run, with its progress while it runs.")
            .WithDescription("Counts grow while the run is going; status ends as succeeded, partial or failed.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<SyncRunResponse>, Accepted<SyncRunResponse>>> SyncAgent(
        SyncRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var command = new SyncAgentMetricsCommand(
            request.AgentId ?? Guid.Empty, request.StartDate, request.EndDate, request.Timezone, request.Wait ?? true);
        var result = await sender.Send(command, cancellationToken);
        var response = new SyncRunResponse(result.Run!);
        return command.Wait
            ? TypedResults.Ok(response)
            : TypedResults.Accepted($"/api/vapi/sync/{result.Run!.Id}", response);
    }

    public static async Task<Ok<SyncRunListResponse>> ListSyncs(
        ISender sender, CancellationToken cancellationToken, Guid? agentId = null,
        int limit = ListSyncRunsQuery.DefaultLimit, int offset = 0) =>
        TypedResults.Ok(await sender.Send(new ListSyncRunsQuery(agentId ?? Guid.Empty, limit, offset), cancellationToken));

    public static async Task<Ok<SyncRunResponse>> GetSync(Guid syncId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SyncRunResponse(await sender.Send(new GetSyncRunQuery(syncId), cancellationToken)));
}

/// <param name="AgentId">Our agent's id (from GET /api/vapi/agents).</param>
/// <param name="StartDate">YYYY-MM-DD (a whole day in <c>timezone</c>) or an ISO 8601 instant.</param>
/// <param name="EndDate">YYYY-MM-DD (inclusive) or an ISO 8601 instant; a future end is clamped to now.</param>
/// <param name="Timezone">IANA time zone the dates are read in; default UTC.</param>
/// <param name="Wait">Default true: answer when the sync is done. False: answer 202 at once and sync in the background.</param>
public sealed record SyncRequest(Guid? AgentId, string? StartDate, string? EndDate, string? Timezone, bool? Wait);
