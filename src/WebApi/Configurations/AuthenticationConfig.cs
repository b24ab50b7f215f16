using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using VapiAgents.Infrastructure.Identity;
using VapiAgents.WebApi.Authentication;

namespace VapiAgents.WebApi.Configurations;

public static class AuthenticationConfig
{
    private const string ExternalJwtScheme = "ExternalJwt";
    private const string SelectorScheme = "BearerSelector";

    // The composite scheme AddIdentityApiEndpoints makes the default (bearer token, else cookie); its constant is internal.
    private const string IdentityDefaultScheme = "Identity.BearerAndApplication";

    /// <summary>
    /// Identity's bearer tokens always; an external JWT issuer too when <c>Authentication:Jwt:Authority</c> is set.
    /// A token shaped like a JWT goes to the external issuer, anything else to Identity.
    /// </summary>
    public static IServiceCollection AddAuthenticationAndAuthorization(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, options =>
        {
            options.BearerTokenExpiration = TimeSpan.FromMinutes(configuration.GetValue("Authentication:AccessTokenMinutes", 60));
            options.RefreshTokenExpiration = TimeSpan.FromDays(configuration.GetValue("Authentication:RefreshTokenDays", 14));
        });

        // The Hangfire dashboard is used signed in by cookie, and its forms change state (trigger, requeue, delete).
        // With IAntiforgery registered, Hangfire writes a token into each page and answers 403 to a POST without it,
        // so a form on another site cannot act with the operator's cookie.
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "VapiAgents.Antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        var authority = configuration["Authentication:Jwt:Authority"];
        if (!string.IsNullOrWhiteSpace(authority))
        {
            services.AddAuthentication()
                .AddJwtBearer(ExternalJwtScheme, options =>
                {
                    options.Authority = authority;
                    options.Audience = configuration["Authentication:Jwt:Audience"];
                    options.RequireHttpsMetadata = configuration.GetValue("Authentication:Jwt:RequireHttpsMetadata", true);
                    // Another issuer's idea of "Admin" is not ours: its role claims count only when the operator says so.
                    if (!configuration.GetValue("Authentication:Jwt:TrustRoleClaims", false))
                    {
                        options.Events = new JwtBearerEvents { OnTokenValidated = DropRoleClaims };
                    }
                })
                .AddPolicyScheme(SelectorScheme, "Identity or external JWT", options =>
                {
                    options.ForwardDefaultSelector = context =>
                    {
                        var header = context.Request.Headers.Authorization.ToString();
                        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Count(c => c == '.') == 2
                            ? ExternalJwtScheme
                            : IdentityDefaultScheme;
                    };
                });
            services.Configure<AuthenticationOptions>(options =>
            {
                options.DefaultScheme = SelectorScheme;
                options.DefaultAuthenticateScheme = SelectorScheme;
                options.DefaultChallengeScheme = SelectorScheme;
            });
        }

        // Personal access tokens have a scheme of their own; the policies keep them to what they may reach.
        services.AddPersonalAccessTokens(string.IsNullOrWhiteSpace(authority) ? IdentityDefaultScheme : SelectorScheme);
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(PersonalAccessTokenSetup.DefaultPolicy)
            .AddPolicy(AdminOptions.Role, policy => policy.RequireRole(AdminOptions.Role).AddRequirements(new PersonalAccessTokenRequirement()));
        return services;
    }

    private static Task DropRoleClaims(TokenValidatedContext context)
    {
        foreach (var identity in context.Principal?.Identities ?? [])
        {
            foreach (var claim in identity.Claims.Where(c => c.Type == identity.RoleClaimType || c.Type is ClaimTypes.Role or "role" or "roles").ToList())
            {
                identity.RemoveClaim(claim);
            }
        }

        return Task.CompletedTask;
    }
}
