using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VapiAgents.Application.AccessTokens;
using VapiAgents.Application.AccessTokens.Commands.CreateAccessToken;
using VapiAgents.Application.AccessTokens.Commands.RevokeAccessToken;
using VapiAgents.Application.AccessTokens.Queries.ListAccessTokens;

namespace VapiAgents.WebApi.Endpoints;

/// <summary>Personal access tokens for scripts and integrations. Only a signed-in session manages them, never a token.</summary>
public sealed class AccessTokens : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth/tokens").WithTags("Access tokens").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("", ListAccessTokens).WithName(nameof(ListAccessTokens))
            .WithSummary("Lists your personal access tokens.")
            .WithDescription("Tokens that are not revoked, newest first, with their scope, expiry and last use (updated at most once a minute). Never a secret.");
        group.MapPost("", CreateAccessToken).WithName(nameof(CreateAccessToken))
            .WithSummary("Creates a personal access token.")
            .WithDescription(
                "The secret (va_pat_…) is answered this once; only its hash is stored. Send it as Authorization: Bearer on /api/vapi/* routes. " +
                "A read token may only GET; no token can manage tokens, change the password or reach admin routes.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("{id:guid}", RevokeAccessToken).WithName(nameof(RevokeAccessToken))
            .WithSummary("Revokes a personal access token.")
            .WithDescription("The next request with the token is refused with 401, on every instance.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<AccessTokenListResponse>> ListAccessTokens(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListAccessTokensQuery(), cancellationToken));

    public static async Task<Created<CreatedAccessTokenResponse>> CreateAccessToken(
        CreateAccessTokenRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var created = await sender.Send(new CreateAccessTokenCommand(request.Name, request.Scope, request.ExpiresInDays), cancellationToken);
        // The one place a token's secret is answered: to its owner, at creation.
        return TypedResults.Created($"/api/auth/tokens/{created.Token.Id}", new CreatedAccessTokenResponse(created.Token, created.Secret.Reveal()));
    }

    public static async Task<NoContent> RevokeAccessToken(Guid id, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new RevokeAccessTokenCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }
}

/// <param name="Name">What the token is for (a script, an integration), up to 100 characters.</param>
/// <param name="Scope"><c>read</c> (GET only) or <c>write</c>.</param>
/// <param name="ExpiresInDays">1 to 365; 90 when left out.</param>
public sealed record CreateAccessTokenRequest(string? Name, string? Scope, int? ExpiresInDays);

/// <param name="Secret">Shown this once: store it now.</param>
public sealed record CreatedAccessTokenResponse(AccessTokenDto Token, string Secret);
