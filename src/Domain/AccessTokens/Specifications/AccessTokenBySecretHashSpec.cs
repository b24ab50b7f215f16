using Ardalis.Specification;

namespace VapiAgents.Domain.AccessTokens.Specifications;

/// <summary>The token whose secret hashes to this value (tracked: its use may be recorded).</summary>
public sealed class AccessTokenBySecretHashSpec : SingleResultSpecification<PersonalAccessToken>
{
    public AccessTokenBySecretHashSpec(byte[] secretHash) =>
        Query.Where(t => t.SecretHash == secretHash);
}
