using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Agents.Commands.CreateAgent;
using VapiAgents.Application.Agents.Commands.DeleteAgent;
using VapiAgents.Application.Agents.Commands.RotateWebhookSecret;
using VapiAgents.Application.Webhooks.Queries.ListWebhookDeliveries;
using VapiAgents.Application.Agents.Commands.UpdateAgent;
using VapiAgents.Application.Agents.Commands.VerifyAgentKey;
using VapiAgents.Application.Agents.Queries.GetAgent;
using VapiAgents.Application.Agents.Queries.ListAgents;
using VapiAgents.Application.Common.Models;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Pricing;
using VapiAgents.Application.Pricing.Commands.SetPrice;
using VapiAgents.Application.Pricing.Queries.ListPrices;
using VapiAgents.WebApi.Configurations;

namespace VapiAgents.WebApi.Endpoints;

/// <summary>
/// The seed's agent routes, verbatim (<c>PATCH|DELETE /api/vapi/agents?id=</c>), plus path-style twins.
/// Every route is the caller's own: another user's id answers 404 like an unknown one.
/// </summary>
public sealed class Agents : IEndpointGroup
{
    private const string ActivationNote =
        "isActive true on an inactive agent first checks its key (and assistant id) with Vapi: refused → 422 with the reason, " +
        "Vapi unreachable → 502; either way nothing is changed. clientId null unassigns; another user's client → 404 naming clientId. " +
        "concurrencyLimit (1–10000, null clears) is the call slots of the agent's Vapi org: it is set on all of your agents of that org.";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/vapi/agents").WithTags("Agents").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("", ListAgents).WithName(nameof(ListAgents))
            .WithSummary("Lists your agents, oldest first.")
            .WithDescription("Your agents with their key hint (never the key), active flag and last sync. includeDeleted=true adds soft-deleted agents, whose usage history is kept.");
        group.MapPost("", CreateAgent).WithName(nameof(CreateAgent))
            .WithSummary("Adds an agent with its own Vapi API key (never shown again).")
            .WithDescription("The key is sealed with AES-GCM at rest and only its last four characters are ever shown. agentId (a Vapi assistant id) limits the agent to that assistant's calls. Names are unique among your live agents (409).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("{id:guid}", GetAgent).WithName(nameof(GetAgent))
            .WithSummary("One of your agents.")
            .WithDescription("Another user's, a deleted or an unknown id all answer 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("", UpdateAgentByQuery).WithName(nameof(UpdateAgentByQuery))
            .WithSummary("Changes the fields sent (the seed's form: ?id=).")
            .WithDescription("The seed's form of PATCH /api/vapi/agents/{id}. " + ActivationNote)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapPatch("{id:guid}", UpdateAgent).WithName(nameof(UpdateAgent))
            .WithSummary("Changes the fields sent.")
            .WithDescription(ActivationNote)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapDelete("", DeleteAgentByQuery).WithName(nameof(DeleteAgentByQuery))
            .WithSummary("Deletes an agent (the seed's form: ?id=); its usage history is kept, its key destroyed.")
            .WithDescription("The seed's form of DELETE /api/vapi/agents/{id}: the agent leaves lists, its key is destroyed, its calls still count in metrics that include deleted agents.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("{id:guid}", DeleteAgent).WithName(nameof(DeleteAgent))
            .WithSummary("Deletes an agent; its usage history is kept, its key destroyed.")
            .WithDescription("The agent leaves lists, its key is destroyed, its calls still count in metrics that include deleted agents.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("{id:guid}/verify", VerifyAgentKey).WithName(nameof(VerifyAgentKey))
            .WithSummary("Checks the stored key (and assistant id) against Vapi.")
            .WithDescription("Asks Vapi whether the stored key works (and the assistant id exists); answers valid=false with the reason when Vapi refuses it, 502 when Vapi is unreachable.")
            .RequireRateLimiting(RateLimitConfig.Expensive).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapPost("{id:guid}/webhook-secret", RotateWebhookSecret).WithName(nameof(RotateWebhookSecret))
            .WithSummary("Creates or replaces the agent's webhook secret; the secret is shown this once, with the URL to set in Vapi.")
            .WithDescription("Set the URL as the assistant's server URL in Vapi and the secret as its credential; the previous secret stops working at once.")
            .RequireRateLimiting(RateLimitConfig.Expensive).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("{id:guid}/pricing", SetAgentPrice).WithName(nameof(SetAgentPrice))
            .WithSummary("Sets the agent's own resale price from a UTC day on.")
            .WithDescription("Overrides its client's price. A price dated in the past reprices the calls stored since that day before answering.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("{id:guid}/pricing", ListAgentPrices).WithName(nameof(ListAgentPrices))
            .WithSummary("The agent's own price history, newest date first.")
            .WithDescription("Each price applies from its effectiveFrom day (UTC) until the next one.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("{id:guid}/webhook-deliveries", ListWebhookDeliveries).WithName(nameof(ListWebhookDeliveries))
            .WithSummary("The agent's webhook deliveries, newest first (never their bodies).")
            .WithDescription("When each delivery arrived, its message type, call id and outcome, and how the sender proved itself; limit/offset page through them.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<WebhookSecretResponse>> RotateWebhookSecret(Guid id, ISender sender, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new RotateWebhookSecretCommand(id), cancellationToken);
        // The one place a secret is answered: to its owner, at creation.
        return TypedResults.Ok(new WebhookSecretResponse(result.Url, result.Secret.Reveal(), result.CreatedAt, result.SecretHeader, result.SignatureHeader, result.TimestampHeader));
    }

    public static async Task<Ok<WebhookDeliveryListResponse>> ListWebhookDeliveries(
        Guid id, ISender sender, CancellationToken cancellationToken, int limit = 50, int offset = 0) =>
        TypedResults.Ok(await sender.Send(new ListWebhookDeliveriesQuery(id, limit, offset), cancellationToken));

    public static async Task<Ok<AgentListResponse>> ListAgents(ISender sender, CancellationToken cancellationToken, bool includeDeleted = false) =>
        TypedResults.Ok(await sender.Send(new ListAgentsQuery(includeDeleted), cancellationToken));

    public static async Task<Created<AgentResponse>> CreateAgent(CreateAgentRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var agent = await sender.Send(new CreateAgentCommand(request.Name, request.ApiKey, request.AgentId, request.IsActive, request.ClientId), cancellationToken);
        return TypedResults.Created($"/api/vapi/agents/{agent.Id}", new AgentResponse(agent));
    }

    public static async Task<Ok<AgentResponse>> GetAgent(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AgentResponse(await sender.Send(new GetAgentQuery(id), cancellationToken)));

    public static Task<Ok<AgentResponse>> UpdateAgentByQuery(
        [FromQuery(Name = "id")] Guid id, UpdateAgentRequest request, ISender sender, CancellationToken cancellationToken) =>
        UpdateAgent(id, request, sender, cancellationToken);

    public static async Task<Ok<AgentResponse>> UpdateAgent(Guid id, UpdateAgentRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var command = new UpdateAgentCommand(id, request.Name, request.ApiKey, request.AgentId, request.IsActive, request.ClientId, request.ConcurrencyLimit);
        return TypedResults.Ok(new AgentResponse(await sender.Send(command, cancellationToken)));
    }

    public static Task<Ok<SuccessResponse>> DeleteAgentByQuery([FromQuery(Name = "id")] Guid id, ISender sender, CancellationToken cancellationToken) =>
        DeleteAgent(id, sender, cancellationToken);

    public static async Task<Ok<SuccessResponse>> DeleteAgent(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new DeleteAgentCommand(id), cancellationToken));

    public static async Task<Ok<PriceResponse>> SetAgentPrice(Guid id, SetPriceRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(request.ToCommand(PriceOwner.Agent, id), cancellationToken));

    public static async Task<Ok<PriceHistoryResponse>> ListAgentPrices(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListPricesQuery(PriceOwner.Agent, id), cancellationToken));

    public static async Task<Ok<VerifyAgentKeyResult>> VerifyAgentKey(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new VerifyAgentKeyCommand(id), cancellationToken));
}

/// <param name="ApiKey">Your Vapi private API key. Stored encrypted; only its last four characters are ever shown.</param>
/// <param name="AgentId">Optional Vapi assistant id: only that assistant's calls are counted.</param>
/// <param name="IsActive">False adds it inactive (verify, then activate with PATCH); default true.</param>
/// <param name="ClientId">One of your clients to bill the agent to.</param>
public sealed record CreateAgentRequest(string? Name, SecretValue? ApiKey, string? AgentId, bool? IsActive = null, Guid? ClientId = null);

/// <summary>Any of the fields; those left out stay as they are. <c>agentId</c> null or empty clears it.</summary>
/// <param name="ConcurrencyLimit">
/// The call slots of the agent's Vapi org (1–10000, null clears): set on all of your agents of that org at once.
/// </param>
public sealed record UpdateAgentRequest(
    Optional<string?> Name,
    Optional<SecretValue?> ApiKey,
    Optional<string?> AgentId,
    Optional<bool?> IsActive,
    Optional<Guid?> ClientId = default,
    Optional<int?> ConcurrencyLimit = default);

/// <param name="Secret">Shown once: store it in Vapi now.</param>
/// <param name="SecretHeader">Send the secret in this header (a Bearer credential without prefix), or as Authorization: Bearer.</param>
/// <param name="SignatureHeader">Or sign: HMAC-SHA256 of "{timestamp}.{body}" with the secret, hex, in this header…</param>
/// <param name="TimestampHeader">…with the Unix time in this one (within 5 minutes).</param>
public sealed record WebhookSecretResponse(string Url, string Secret, DateTime CreatedAt, string SecretHeader, string SignatureHeader, string TimestampHeader);
