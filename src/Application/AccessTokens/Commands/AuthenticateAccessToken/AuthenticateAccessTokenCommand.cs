using System.Security.Cryptography;
using Mediator;
using VapiAgents.Application.AccessTokens.Commands.CreateAccessToken;
using VapiAgents.Application.Audit;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.AccessTokens;
using VapiAgents.Domain.AccessTokens.Specifications;
using VapiAgents.Domain.Audit;

namespace VapiAgents.Application.AccessTokens.Commands.AuthenticateAccessToken;

/// <summary>
/// Checks a presented token against the database on every request — no cache, so a revocation or an expiry
/// is seen by every instance at once — and records its use (at most once a minute).
/// </summary>
public sealed record AuthenticateAccessTokenCommand(SecretValue Secret) : ICommand<AccessTokenGrant>;

/// <summary>Who the token acts for and what it may do; <see cref="Valid"/> false for an unknown, revoked or expired token.</summary>
public sealed record AccessTokenGrant(bool Valid, Guid TokenId, string UserId, AccessTokenScope Scope)
{
    public static readonly AccessTokenGrant Refused = new(false, Guid.Empty, "", AccessTokenScope.Read);
}

public sealed class AuthenticateAccessTokenCommandHandler(
    IRepository<PersonalAccessToken> tokens,
    ICurrentUser currentUser,
    IAuditTrail audit,
    TimeProvider clock) : ICommandHandler<AuthenticateAccessTokenCommand, AccessTokenGrant>
{
    public async ValueTask<AccessTokenGrant> Handle(AuthenticateAccessTokenCommand command, CancellationToken cancellationToken)
    {
        if (!AccessTokenSecret.LooksLikeToken(command.Secret.Reveal()))
        {
            return AccessTokenGrant.Refused;
        }

        var hash = AccessTokenSecret.Hash(command.Secret);
        var token = await tokens.SingleOrDefaultAsync(new AccessTokenBySecretHashSpec(hash), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (token is null || !CryptographicOperations.FixedTimeEquals(token.SecretHash, hash) || !token.IsUsableAt(now))
        {
            return AccessTokenGrant.Refused;
        }

        var use = token.RecordUse(now);
        if (use == AccessTokenUse.First)
        {
            audit.Add(AuditEvent.Record(AuditActions.AccessTokenFirstUsed, token.UserId, token.UserId, null,
                CreateAccessTokenCommandHandler.Describe(token), currentUser.IpAddress, now));
        }

        if (use != AccessTokenUse.Unchanged)
        {
            await tokens.SaveChangesAsync(cancellationToken);
        }

        return new AccessTokenGrant(true, token.Id, token.UserId, token.Scope);
    }
}
