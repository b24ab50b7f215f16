using System.Net.Http.Json;

namespace VapiAgents.WebApi.FunctionalTests.Support;

/// <summary>Signing up and in over plain HTTP, against any running instance.</summary>
public static class Accounts
{
    public const string Password = "Correct-Horse-9";

    /// <returns>The new user's e-mail and login answer.</returns>
    public static async Task<(string Email, TokenResponse Tokens)> SignUpAsync(HttpClient client, string? email = null)
    {
        email ??= $"user-{Guid.NewGuid():N}@example.test";
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password })).EnsureSuccessStatusCode();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        return (email, (await login.Content.ReadFromJsonAsync<TokenResponse>())!);
    }
}
