using Ardalis.Specification;

namespace VapiAgents.Domain.AccessTokens.Specifications;

/// <summary>The user's tokens that are not revoked (expired ones included, so their owner sees why a script stopped), newest first.</summary>
public sealed class AccessTokensForUserSpec : Specification<PersonalAccessToken>
{
    public AccessTokensForUserSpec(string userId) =>
        Query.Where(t => t.UserId == userId && t.RevokedAt == null)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .AsNoTracking();
}
