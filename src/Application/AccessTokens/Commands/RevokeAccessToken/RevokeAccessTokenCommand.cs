using Mediator;
using VapiAgents.Application.AccessTokens.Commands.CreateAccessToken;
using VapiAgents.Application.Audit;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.AccessTokens;
using VapiAgents.Domain.AccessTokens.Specifications;
using VapiAgents.Domain.Audit;

namespace VapiAgents.Application.AccessTokens.Commands.RevokeAccessToken;

/// <summary>Revokes one of the caller's tokens: the next request with it is refused, on every instance.</summary>
public sealed record RevokeAccessTokenCommand(Guid Id) : ICommand;

public sealed class RevokeAccessTokenCommandHandler(
    IRepository<PersonalAccessToken> tokens,
    ICurrentUser currentUser,
    IAuditTrail audit,
    TimeProvider clock) : ICommandHandler<RevokeAccessTokenCommand>
{
    public const string Resource = "Access token";

    public async ValueTask<Unit> Handle(RevokeAccessTokenCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var token = await tokens.SingleOrDefaultAsync(new AccessTokenByIdForUserSpec(command.Id, userId), cancellationToken)
            ?? throw new NotFoundException(Resource);
        token.Revoke(clock.GetUtcNow().UtcDateTime);
        audit.Record(currentUser, clock, AuditActions.AccessTokenRevoked, userId, null, CreateAccessTokenCommandHandler.Describe(token));
        await tokens.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
