using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace VapiAgents.Benchmarks.Harness;

/// <summary>The product's REST API as a signed-in user sees it.</summary>
public sealed class ApiClient(string baseUrl) : IDisposable
{
    /// <summary>Every benchmark account's password (the harness also creates accounts through the product's UserManager).</summary>
    public const string Password = "Bench-Pass-9";

    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(30) };

    public string? AccessToken { get; private set; }

    public async Task RegisterAndLoginAsync(string email)
    {
        (await _http.PostAsJsonAsync("/api/auth/register", new { email, password = Password })).EnsureSuccessStatusCode();
        await LoginAsync(email);
    }

    public async Task LoginAsync(string email)
    {
        var login = await Json(await _http.PostAsJsonAsync("/api/auth/login", new { email, password = Password }));
        AccessToken = login.GetProperty("accessToken").GetString()!;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
    }

    public async Task<Guid> CreateAgentAsync(string name, string apiKey, string? assistantId)
    {
        var created = await Json(await _http.PostAsJsonAsync("/api/vapi/agents", new { name, apiKey, agentId = assistantId }));
        return created.GetProperty("agent").GetProperty("id").GetGuid();
    }

    public async Task<Guid> CreateBudgetAsync(Guid agentId, string name, string period, string timezone, decimal amount)
    {
        var created = await Json(await _http.PostAsJsonAsync("/api/vapi/budgets", new { name, agentId, period, timezone, amount }));
        return created.GetProperty("budget").GetProperty("id").GetGuid();
    }

    public async Task<int> CountAlertsAsync() =>
        (await Json(await _http.GetAsync("/api/vapi/alerts?status=all&limit=1"))).GetProperty("total").GetInt32();

    /// <summary>A range sync of the agent, answered when it is done; returns the run.</summary>
    public async Task<JsonElement> SyncAsync(Guid agentId, DateTime from, DateTime to)
    {
        var body = new { agentId, startDate = Iso(from), endDate = Iso(to), wait = true };
        return (await Json(await _http.PostAsJsonAsync("/api/vapi/sync", body))).GetProperty("sync");
    }

    public void Dispose() => _http.Dispose();

    private static string Iso(DateTime instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
