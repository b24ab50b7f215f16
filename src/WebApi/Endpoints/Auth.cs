using VapiAgents.Infrastructure.Identity;

namespace VapiAgents.WebApi.Endpoints;

/// <summary>ASP.NET Core Identity's API endpoints: register, login (bearer tokens), refresh, manage/info…</summary>
public sealed class Auth : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/auth")
            .WithTags("Auth")
            .MapIdentityApi<ApplicationUser>();
    }
}
