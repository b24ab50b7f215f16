using Microsoft.AspNetCore.Identity;
using VapiAgents.Application.Accounts;

namespace VapiAgents.Infrastructure.Identity;

public sealed class AccountSessions(UserManager<ApplicationUser> users, SecurityStampCache stamps) : IAccountSessions
{
    public async Task RevokeAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return;
        }

        await users.UpdateSecurityStampAsync(user);
        // This instance knows at once; the others within the validation interval.
        stamps.Forget(userId);
    }
}
