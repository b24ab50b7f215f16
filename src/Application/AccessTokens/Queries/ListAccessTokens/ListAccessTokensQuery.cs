using Mediator;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.AccessTokens;
using VapiAgents.Domain.AccessTokens.Specifications;

namespace VapiAgents.Application.AccessTokens.Queries.ListAccessTokens;

/// <summary>The caller's tokens that are not revoked, newest first; never a secret.</summary>
public sealed record ListAccessTokensQuery : IQuery<AccessTokenListResponse>;

public sealed record AccessTokenListResponse(IReadOnlyList<AccessTokenDto> Tokens);

public sealed class ListAccessTokensQueryHandler(
    IReadRepository<PersonalAccessToken> tokens,
    ICurrentUser currentUser) : IQueryHandler<ListAccessTokensQuery, AccessTokenListResponse>
{
    public async ValueTask<AccessTokenListResponse> Handle(ListAccessTokensQuery query, CancellationToken cancellationToken)
    {
        var list = await tokens.ListAsync(new AccessTokensForUserSpec(currentUser.RequireUserId()), cancellationToken);
        return new AccessTokenListResponse(list.Select(AccessTokenDto.From).ToList());
    }
}
