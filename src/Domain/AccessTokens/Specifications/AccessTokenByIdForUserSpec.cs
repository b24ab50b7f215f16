using Ardalis.Specification;

namespace VapiAgents.Domain.AccessTokens.Specifications;

/// <summary>One of the user's live tokens (404 for anyone else's, and for a revoked one).</summary>
public sealed class AccessTokenByIdForUserSpec : SingleResultSpecification<PersonalAccessToken>
{
    public AccessTokenByIdForUserSpec(Guid id, string userId) =>
        Query.Where(t => t.Id == id && t.UserId == userId && t.RevokedAt == null);
}
