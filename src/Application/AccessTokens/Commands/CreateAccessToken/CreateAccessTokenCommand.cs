using Mediator;
using VapiAgents.Application.Audit;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.AccessTokens;
using VapiAgents.Domain.AccessTokens.Specifications;
using VapiAgents.Domain.Audit;

namespace VapiAgents.Application.AccessTokens.Commands.CreateAccessToken;

/// <summary>Creates a personal access token for the caller; its secret is answered this once.</summary>
public sealed record CreateAccessTokenCommand(string? Name, string? Scope, int? ExpiresInDays) : ICommand<CreatedAccessToken>;

/// <param name="Secret">Shown once; only its hash is stored.</param>
public sealed record CreatedAccessToken(AccessTokenDto Token, SecretValue Secret);

public sealed class CreateAccessTokenCommandHandler(
    IRepository<PersonalAccessToken> tokens,
    ICurrentUser currentUser,
    IAuditTrail audit,
    TimeProvider clock) : ICommandHandler<CreateAccessTokenCommand, CreatedAccessToken>
{
    public const int DefaultLifetimeDays = 90;

    /// <summary>Enough for any agency's integrations; a bound so one account cannot fill the table.</summary>
    public const int MaxLiveTokens = 100;

    public async ValueTask<CreatedAccessToken> Handle(CreateAccessTokenCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        if (await tokens.CountAsync(new AccessTokensForUserSpec(userId), cancellationToken) >= MaxLiveTokens)
        {
            throw new ConflictException($"You have {MaxLiveTokens} tokens; revoke one first.");
        }

        var secret = AccessTokenSecret.Generate();
        var scope = Enum.Parse<AccessTokenScope>(command.Scope!, ignoreCase: true);
        var token = PersonalAccessToken.Create(
            userId, command.Name!, scope, AccessTokenSecret.DisplayPrefix(secret), AccessTokenSecret.Hash(secret),
            clock.GetUtcNow().UtcDateTime, command.ExpiresInDays ?? DefaultLifetimeDays);
        // Recorded first, so the one save of AddAsync stores the token and its audit entry together.
        audit.Record(currentUser, clock, AuditActions.AccessTokenCreated, userId, null, Describe(token));
        await tokens.AddAsync(token, cancellationToken);
        return new CreatedAccessToken(AccessTokenDto.From(token), secret);
    }

    internal static string Describe(PersonalAccessToken token) =>
        $"\"{token.Name}\" ({token.Prefix}…, {token.Scope.ToString().ToLowerInvariant()}, expires {token.ExpiresAt:yyyy-MM-dd})";
}
