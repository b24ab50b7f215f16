using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Budgets;
using VapiAgents.Application.Budgets.Commands.CreateBudget;
using VapiAgents.Application.Budgets.Commands.DeleteBudget;
using VapiAgents.Application.Budgets.Commands.UpdateBudget;
using VapiAgents.Application.Budgets.Queries.GetBudget;
using VapiAgents.Application.Budgets.Queries.ListBudgets;
using VapiAgents.Application.Common.Models;

namespace VapiAgents.WebApi.Endpoints;

/// <summary>Spending limits per day, week or month on one agent or all of them; each answer carries the current period's spend.</summary>
public sealed class Budgets : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/vapi/budgets").WithTags("Budgets").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("", ListBudgets).WithName(nameof(ListBudgets))
            .WithSummary("Lists your budgets, oldest first, each with its current period's spend.")
            .WithDescription("`current` holds the current period in the budget's zone (ISO weeks, calendar months), what was spent in it, the percentage, the forecast at this pace and the status (ok, warning, exceeded).");
        group.MapPost("", CreateBudget).WithName(nameof(CreateBudget))
            .WithSummary("Creates a budget on one agent (agentId), on one client's agents (clientId) or on all of your agents (neither).")
            .WithDescription("Thresholds are percentages (1–1000, default 50, 80, 100); each one reached in a period raises one budget.threshold alert. Spend counts inactive and deleted agents' calls, and a call two of your agents see once. A client budget counts the agents assigned to the client now; sending both agentId and clientId answers 400.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("{id:guid}", GetBudget).WithName(nameof(GetBudget))
            .WithSummary("One budget with its current period's spend.")
            .WithDescription("Another user's budget answers 404 like an unknown one.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("{id:guid}", UpdateBudget).WithName(nameof(UpdateBudget))
            .WithSummary("Changes the fields sent.")
            .WithDescription("An agentId or a clientId replaces the scope (naming one drops the other); agentId and clientId null: all of your agents. Thresholds already alerted in this period are not alerted again, whatever the new amount.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("{id:guid}", DeleteBudget).WithName(nameof(DeleteBudget))
            .WithSummary("Deletes a budget; the alerts it raised stay.")
            .WithDescription("The budget's alerts keep their budgetId.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<BudgetListResponse>> ListBudgets(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new BudgetListResponse(await sender.Send(new ListBudgetsQuery(), cancellationToken)));

    public static async Task<Created<BudgetResponse>> CreateBudget(CreateBudgetRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var budget = await sender.Send(
            new CreateBudgetCommand(request.Name, request.AgentId, request.Period, request.Timezone, request.Amount, request.Thresholds, request.ClientId), cancellationToken);
        return TypedResults.Created($"/api/vapi/budgets/{budget.Id}", new BudgetResponse(budget));
    }

    public static async Task<Ok<BudgetResponse>> GetBudget(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new BudgetResponse(await sender.Send(new GetBudgetQuery(id), cancellationToken)));

    public static async Task<Ok<BudgetResponse>> UpdateBudget(Guid id, UpdateBudgetRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new BudgetResponse(await sender.Send(
            new UpdateBudgetCommand(id, request.Name, request.AgentId, request.Period, request.Timezone, request.Amount, request.Thresholds, request.ClientId), cancellationToken)));

    public static async Task<Ok<SuccessResponse>> DeleteBudget(Guid id, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteBudgetCommand(id), cancellationToken);
        return TypedResults.Ok(new SuccessResponse(true));
    }
}

/// <param name="AgentId">Our agent's id (from GET /api/vapi/agents); left out (with no clientId): all of your agents.</param>
/// <param name="ClientId">Our client's id (from GET /api/vapi/clients): the agents assigned to it; not with agentId.</param>
/// <param name="Period">day, week (ISO, from Monday) or month.</param>
/// <param name="Timezone">IANA zone the periods follow; default UTC.</param>
/// <param name="Amount">USD per period, above 0.</param>
/// <param name="Thresholds">Percentages 1–1000; default [50, 80, 100].</param>
public sealed record CreateBudgetRequest(
    string? Name, Guid? AgentId, string? Period, string? Timezone, decimal? Amount, IReadOnlyList<int>? Thresholds, Guid? ClientId = null);

/// <summary>
/// Any of the fields; those left out stay as they are. An <c>agentId</c> or a <c>clientId</c> replaces the scope
/// (naming one drops the other); both null: all of your agents.
/// </summary>
public sealed record UpdateBudgetRequest(
    string? Name, Optional<Guid?> AgentId, string? Period, string? Timezone, decimal? Amount, IReadOnlyList<int>? Thresholds,
    Optional<Guid?> ClientId = default);
