using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace VapiAgents.WebApi.Authentication;

public static class PersonalAccessTokenSetup
{
    /// <summary>
    /// Adds the token scheme and makes a selector the default scheme: a <c>va_pat_</c> bearer goes to the token
    /// handler, every other request to <paramref name="sessionScheme"/> exactly as before.
    /// </summary>
    public static IServiceCollection AddPersonalAccessTokens(this IServiceCollection services, string sessionScheme)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalAccessTokenDefaults.Scheme, "Personal access token", null)
            .AddPolicyScheme(PersonalAccessTokenDefaults.SelectorScheme, "Personal access token or session", options =>
                options.ForwardDefaultSelector = context =>
                    PersonalAccessTokenHandler.BearerToken(context.Request) is null ? sessionScheme : PersonalAccessTokenDefaults.Scheme);
        services.Configure<AuthenticationOptions>(options =>
        {
            options.DefaultScheme = PersonalAccessTokenDefaults.SelectorScheme;
            options.DefaultAuthenticateScheme = PersonalAccessTokenDefaults.SelectorScheme;
            options.DefaultChallengeScheme = PersonalAccessTokenDefaults.SelectorScheme;
            options.DefaultForbidScheme = PersonalAccessTokenDefaults.SelectorScheme;
        });
        services.AddSingleton<IAuthorizationHandler, PersonalAccessTokenRequirement>();
        return services;
    }

    /// <summary>Signed in, and within what a token may reach (see <see cref="PersonalAccessTokenRequirement"/>).</summary>
    public static AuthorizationPolicy DefaultPolicy { get; } = new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .AddRequirements(new PersonalAccessTokenRequirement())
        .Build();
}
