namespace VapiAgents.Application.Common.Interfaces;

public static class CurrentUserExtensions
{
    /// <summary>The signed-in user's id; use cases that act for a user cannot run without one.</summary>
    public static string RequireUserId(this ICurrentUser user) =>
        user.UserId ?? throw new UnauthorizedAccessException("Sign in to do this.");
}
