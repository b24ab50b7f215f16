using Microsoft.AspNetCore.Identity;
using VapiAgents.Application.Admin;

namespace VapiAgents.Infrastructure.Identity;

/// <summary>The Admin role as an Identity role (AspNetUserRoles): in the database, so every instance agrees.</summary>
public sealed class AdminGrants(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles) : IAdminGrants
{
    public async Task<string?> FindUserIdAsync(string email, CancellationToken cancellationToken) =>
        (await users.FindByEmailAsync(email))?.Id;

    public async Task<bool> SetAsync(string userId, bool admin, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("The account disappeared.");
        if (await users.IsInRoleAsync(user, AdminOptions.Role) == admin)
        {
            return false;
        }

        if (admin && !await roles.RoleExistsAsync(AdminOptions.Role))
        {
            Ensure(await roles.CreateAsync(new IdentityRole(AdminOptions.Role)));
        }

        Ensure(admin ? await users.AddToRoleAsync(user, AdminOptions.Role) : await users.RemoveFromRoleAsync(user, AdminOptions.Role));
        // Tokens carry the role: a new stamp makes every session sign in again and pick up the change.
        Ensure(await users.UpdateSecurityStampAsync(user));
        return true;
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
