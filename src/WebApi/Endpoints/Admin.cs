using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VapiAgents.Application.Agents.Commands.RotateEncryptionKeys;
using VapiAgents.Infrastructure.Identity;

namespace VapiAgents.WebApi.Endpoints;

/// <summary>Operator routes (Admin role only).</summary>
public sealed class Admin : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(AdminOptions.Role)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("encryption/rotate", RotateEncryptionKeys).WithName(nameof(RotateEncryptionKeys))
            .WithSummary("Re-seals every stored secret with Encryption:ActiveKeyId. Idempotent; safe to interrupt and run again.");
    }

    public static async Task<Ok<RotateEncryptionKeysResult>> RotateEncryptionKeys(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RotateEncryptionKeysCommand(), cancellationToken));
}
