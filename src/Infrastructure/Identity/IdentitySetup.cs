using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Common.Security;
using VapiAgents.Infrastructure.Common;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Identity;

public static class IdentitySetup
{
    /// <summary>Shared by every instance so each can read the others' tokens.</summary>
    public const string DataProtectionApplicationName = "VapiAgents";

    public static IServiceCollection AddIdentityAndTokens(this IServiceCollection services)
    {
        services.AddIdentityApiEndpoints<ApplicationUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                // Repeated failed sign-ins lock the account for a while (login throttling).
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            // Roles go into the tokens; the only role, Admin, is granted by an operator command (AdminGrants).
            .AddRoles<IdentityRole>()
            // Sign-in answers "locked out" only to the owner's password, and takes as long for an unknown e-mail.
            .AddSignInManager<UniformSignInManager>()
            .AddEntityFrameworkStores<ApplicationDbContext>();

        // Bearer tokens are protected by the Data Protection key ring; kept in the database it
        // survives restarts and is shared by all instances.
        services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<ApplicationDbContext>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<ISecretProtector>((options, protector) => options.XmlEncryptor = new SealingXmlEncryptor(protector));

        services.AddScoped<Application.Admin.IAdminGrants, AdminGrants>();
        services.AddScoped<Application.Accounts.IAccountSessions, AccountSessions>();
        services.AddMemoryCache();
        services.AddValidatedOptions<SecurityStampOptions>(SecurityStampOptions.Section, OptionsRules.SecurityStamp);
        services.AddSingleton<SecurityStampCache>();
        services.AddScoped<SecurityStampCheck>();
        services.AddSingleton<DecoyPasswordHash>();
        services.AddScoped<Application.Agents.Commands.RotateEncryptionKeys.ITokenKeyRing, TokenKeyRing>();
        return services;
    }
}
