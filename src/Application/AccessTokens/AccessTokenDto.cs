using VapiAgents.Domain.AccessTokens;

namespace VapiAgents.Application.AccessTokens;

/// <summary>A personal access token as its owner sees it: never its secret.</summary>
/// <param name="Prefix">The secret's first characters, to tell tokens apart.</param>
/// <param name="LastUsedAt">Updated at most once a minute; null until first used.</param>
public sealed record AccessTokenDto(
    Guid Id, string Name, AccessTokenScope Scope, string Prefix, DateTime CreatedAt, DateTime ExpiresAt, DateTime? LastUsedAt)
{
    public static AccessTokenDto From(PersonalAccessToken token) =>
        new(token.Id, token.Name, token.Scope, token.Prefix, token.CreatedAt, token.ExpiresAt, token.LastUsedAt);
}
