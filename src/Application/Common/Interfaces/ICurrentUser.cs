namespace VapiAgents.Application.Common.Interfaces;

/// <summary>Who is making the current request.</summary>
public interface ICurrentUser
{
    /// <summary>The signed-in user's id, or null for anonymous callers and background jobs.</summary>
    string? UserId { get; }

    bool IsAdmin { get; }

    /// <summary>The caller's network address, for the audit trail.</summary>
    string? IpAddress { get; }
}
