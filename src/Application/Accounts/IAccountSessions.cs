namespace VapiAgents.Application.Accounts;

/// <summary>An account's sessions: every access and refresh token carries the account's security stamp.</summary>
public interface IAccountSessions
{
    /// <summary>Gives the account a new security stamp: its refresh tokens stop at once, its access tokens within the validation interval.</summary>
    Task RevokeAsync(string userId, CancellationToken cancellationToken);
}
