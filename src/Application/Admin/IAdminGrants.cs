namespace VapiAgents.Application.Admin;

/// <summary>The Admin role of existing accounts, kept in the database (granted only by an operator command).</summary>
public interface IAdminGrants
{
    /// <summary>The id of the account with this e-mail, or null.</summary>
    Task<string?> FindUserIdAsync(string email, CancellationToken cancellationToken);

    /// <summary>Grants or revokes the role; false when the account already was as asked. A change ends the account's sessions.</summary>
    Task<bool> SetAsync(string userId, bool admin, CancellationToken cancellationToken);
}
