using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VapiAgents.Application.Audit.Queries.ListAuditEvents;

namespace VapiAgents.WebApi.Endpoints;

/// <summary>The audit trail: changes to agents and failed sign-ins.</summary>
public sealed class Audit : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/vapi/audit", ListAuditEvents).WithName(nameof(ListAuditEvents)).WithTags("Audit").RequireAuthorization()
            .WithSummary("Your audit trail, newest first (admins see everyone's unless mine=true).")
            .WithDescription("What was done to your agents and tokens, by whom, when and from which address; details never carry a secret. limit/offset page through it.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesValidationProblem();
    }

    public static async Task<Ok<AuditEventListResponse>> ListAuditEvents(
        ISender sender, CancellationToken cancellationToken, int limit = 50, int offset = 0, bool mine = false) =>
        TypedResults.Ok(await sender.Send(new ListAuditEventsQuery(limit, offset, mine), cancellationToken));
}
