using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VapiAgents.Application.Webhooks;
using VapiAgents.Application.Webhooks.Commands.ReceiveWebhook;

namespace VapiAgents.WebApi.Endpoints;

/// <summary>
/// Where Vapi posts an agent's server messages. No bearer token: the agent's webhook secret proves the sender
/// (X-Vapi-Secret, Authorization: Bearer, or an HMAC signature with a timestamp).
/// </summary>
public sealed class Webhooks : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/vapi/webhooks/{agentId:guid}", ReceiveWebhook).WithName(nameof(ReceiveWebhook)).WithTags("Webhooks")
            .AllowAnonymous()
            .RequireRateLimiting(Configurations.RateLimitConfig.Webhooks)
            .WithSummary("Receives a Vapi server message for an agent; an end-of-call report stores its call at once.")
            .WithDescription("Called by Vapi, not by users: proved by the agent's webhook secret (X-Vapi-Secret, Authorization: Bearer, or x-signature HMAC with x-timestamp). Other message types are acknowledged and ignored.")
            .Accepts<object>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    public static async Task<Ok<WebhookReceipt>> ReceiveWebhook(Guid agentId, HttpRequest request, ISender sender, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        var authorization = request.Headers.Authorization.ToString();
        var proof = new WebhookProof(
            Header(request, "X-Vapi-Secret"),
            authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null,
            Header(request, "x-signature"),
            Header(request, "x-timestamp"));
        return TypedResults.Ok(await sender.Send(new ReceiveWebhookCommand(agentId, proof, body.ToArray()), cancellationToken));
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;
}
