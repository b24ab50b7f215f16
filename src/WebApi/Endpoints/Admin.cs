using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VapiAgents.Application.Agents.Commands.RotateEncryptionKeys;
using VapiAgents.Application.Metrics.Commands.RebuildRollups;
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
            .WithSummary("Re-seals every stored secret with Encryption:ActiveKeyId. Idempotent; safe to interrupt and run again.")
            .WithDescription("Operators only (Admin role; never a personal access token). Agent keys, webhook secrets, notification channels' URLs and signing secrets and the token key ring are re-sealed with the active key. " +
                             "A secret no configured key can open (corrupted, or its key removed) is left as it is and reported in skipped, skippedAgentIds and skippedChannelIds; the rest are re-sealed.");
        group.MapPost("rollups/rebuild", RebuildRollups).WithName(nameof(RebuildRollups))
            .WithSummary("Recomputes the usage rollups from the call rows (all users, or one with ?userId=).")
            .WithDescription("Operators only (Admin role; never a personal access token). Use after a manual data fix; metrics read the rebuilt rollups at once.");
    }

    public static async Task<Ok<RebuildRollupsResult>> RebuildRollups(ISender sender, CancellationToken cancellationToken, string? userId = null) =>
        TypedResults.Ok(await sender.Send(new RebuildRollupsCommand(userId), cancellationToken));

    public static async Task<Ok<RotateEncryptionKeysResult>> RotateEncryptionKeys(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RotateEncryptionKeysCommand(), cancellationToken));
}
