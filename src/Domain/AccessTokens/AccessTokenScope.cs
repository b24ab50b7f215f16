namespace VapiAgents.Domain.AccessTokens;

/// <summary>What a personal access token may do on <c>/api/vapi/*</c>.</summary>
public enum AccessTokenScope
{
    /// <summary>GET (and HEAD) only.</summary>
    Read,

    /// <summary>Every method.</summary>
    Write,
}
