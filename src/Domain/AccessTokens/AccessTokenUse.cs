namespace VapiAgents.Domain.AccessTokens;

/// <summary>What recording a use of a token changed.</summary>
public enum AccessTokenUse
{
    /// <summary>Used within the last minute: nothing to write.</summary>
    Unchanged,

    /// <summary><c>LastUsedAt</c> moved on.</summary>
    Recorded,

    /// <summary>The token's first use (audited).</summary>
    First,
}
