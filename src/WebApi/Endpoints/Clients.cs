using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Clients;
using VapiAgents.Application.Clients.Commands.CreateClient;
using VapiAgents.Application.Clients.Commands.DeleteClient;
using VapiAgents.Application.Clients.Commands.UpdateClient;
using VapiAgents.Application.Clients.Queries.GetClient;
using VapiAgents.Application.Clients.Queries.GetStatement;
using VapiAgents.WebApi.Infrastructure;
using VapiAgents.Application.Clients.Queries.ListClients;
using VapiAgents.Application.Common.Models;
using VapiAgents.Application.Pricing;
using VapiAgents.Application.Pricing.Commands.SetPrice;
using VapiAgents.Application.Pricing.Queries.ListPrices;

namespace VapiAgents.WebApi.Endpoints;

/// <summary>An agency's clients: the agents billed to each, their resale price history. Every id is the caller's own.</summary>
public sealed class Clients : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/vapi/clients").WithTags("Clients").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("", ListClients).WithName(nameof(ListClients))
            .WithSummary("Lists your clients by name.")
            .WithDescription("Each client with the number of your live agents billed to it.");
        group.MapPost("", CreateClient).WithName(nameof(CreateClient))
            .WithSummary("Adds a client.")
            .WithDescription("The name (1–100 characters) is unique among your clients whatever its case: a duplicate answers 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("{id:guid}", GetClient).WithName(nameof(GetClient))
            .WithSummary("One of your clients.")
            .WithDescription("Unknown and other users' ids answer 404 alike.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("{id:guid}", UpdateClient).WithName(nameof(UpdateClient))
            .WithSummary("Changes the client's name or notes.")
            .WithDescription("Fields left out stay as they are; notes null clears them.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("{id:guid}", DeleteClient).WithName(nameof(DeleteClient))
            .WithSummary("Deletes a client and its prices.")
            .WithDescription("Its agents are unassigned (their usage history stays) and their calls repriced without the client's price.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("{id:guid}/pricing", SetClientPrice).WithName(nameof(SetClientPrice))
            .WithSummary("Sets the client's resale price from a UTC day on.")
            .WithDescription("Applies to the client's agents without a price of their own. A price dated in the past reprices the calls stored since that day before answering.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("{id:guid}/pricing", ListClientPrices).WithName(nameof(ListClientPrices))
            .WithSummary("The client's price history, newest date first.")
            .WithDescription("Each price applies from its effectiveFrom day (UTC) until the next one.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("{id:guid}/statement", GetClientStatement).WithName(nameof(GetClientStatement))
            .WithSummary("The client's monthly statement: per agent and in total, as JSON or CSV.")
            .WithDescription("month=YYYY-MM read in timezone (IANA, default UTC); format=csv gives the same figures as CSV, a row per agent and a totals row. " +
                             "A call two of the client's agents share counts once in the totals.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <param name="month">YYYY-MM.</param>
    /// <param name="timezone">IANA time zone the month is read in; default UTC.</param>
    /// <param name="format">json (default) or csv.</param>
    public static async Task<Results<Ok<StatementResponse>, CsvResult>> GetClientStatement(
        Guid id, ISender sender, CancellationToken cancellationToken, string? month = null, string? timezone = null, string? format = null)
    {
        var statement = await sender.Send(new GetStatementQuery(id, month, timezone, format), cancellationToken);
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? new CsvResult(statement.Statement.ToCsv())
            : TypedResults.Ok(statement);
    }

    public static async Task<Ok<ClientListResponse>> ListClients(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListClientsQuery(), cancellationToken));

    public static async Task<Created<ClientResponse>> CreateClient(CreateClientRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var client = await sender.Send(new CreateClientCommand(request.Name, request.Notes), cancellationToken);
        return TypedResults.Created($"/api/vapi/clients/{client.Id}", new ClientResponse(client));
    }

    public static async Task<Ok<ClientResponse>> GetClient(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ClientResponse(await sender.Send(new GetClientQuery(id), cancellationToken)));

    public static async Task<Ok<ClientResponse>> UpdateClient(Guid id, UpdateClientRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ClientResponse(await sender.Send(new UpdateClientCommand(id, request.Name, request.Notes), cancellationToken)));

    public static async Task<Ok<SuccessResponse>> DeleteClient(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new DeleteClientCommand(id), cancellationToken));

    public static async Task<Ok<PriceResponse>> SetClientPrice(Guid id, SetPriceRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(request.ToCommand(PriceOwner.Client, id), cancellationToken));

    public static async Task<Ok<PriceHistoryResponse>> ListClientPrices(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListPricesQuery(PriceOwner.Client, id), cancellationToken));
}

public sealed record CreateClientRequest(string? Name, string? Notes);

/// <summary>Any of the fields; those left out stay as they are.</summary>
public sealed record UpdateClientRequest(Optional<string?> Name, Optional<string?> Notes);

/// <param name="RatePerMinute">USD per billable minute, ≥ 0, up to 6 decimals.</param>
/// <param name="BillingIncrementSeconds">Each call is rounded up to a multiple of this (1–3600, default 60).</param>
/// <param name="MinimumBillableSeconds">Each call that lasted more than 0 s is billed at least this (0–3600, default 0).</param>
/// <param name="EffectiveFrom">The first UTC day (YYYY-MM-DD) the price applies to; default today.</param>
public sealed record SetPriceRequest(decimal? RatePerMinute, int? BillingIncrementSeconds, int? MinimumBillableSeconds, string? EffectiveFrom)
{
    public SetPriceCommand ToCommand(PriceOwner owner, Guid id) =>
        new(owner, id, RatePerMinute, BillingIncrementSeconds, MinimumBillableSeconds, EffectiveFrom);
}
