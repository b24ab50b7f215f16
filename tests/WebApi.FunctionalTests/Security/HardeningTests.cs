using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Security;

/// <summary>OWASP API4 and API8: headers, CORS, per-user and per-address limits.</summary>
public sealed class HardeningTests
{
    [SkippableFact]
    public async Task EveryAnswer_CarriesTheSecurityHeaders_AndCorsIsClosedByDefault()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        using var client = app.CreateClient();

        foreach (var path in new[] { "/api/vapi/agents", "/health/live", "/", "/api/nowhere" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Origin", "https://evil.example");
            var response = await client.SendAsync(request);

            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
            response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
            response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
            response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'");
            response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse(path);
        }
    }

    [SkippableFact]
    public async Task ConfiguredOrigins_AreAllowed_OthersNot()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "https://app.example" });
        using var client = app.CreateClient();

        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/vapi/agents");
        preflight.Headers.Add("Origin", "https://app.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        var allowed = await client.SendAsync(preflight);
        var other = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        other.Headers.Add("Origin", "https://evil.example");

        allowed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://app.example");
        (await client.SendAsync(other)).Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [SkippableFact]
    public async Task HstsIsSent_OutsideDevelopment()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = "Data Source=" + Path.Combine(Path.GetTempPath(), $"hsts-{Guid.NewGuid():N}.db"),
        }, environment: "Production");
        var options = app.Factory.Services.GetService(typeof(Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.HttpsPolicy.HstsOptions>));

        options.Should().NotBeNull("UseHsts is configured; browsers receive the header over HTTPS");
    }

    [SkippableFact]
    public async Task ExpensiveRoutes_AreLimitedPerUser_With429AndRetryAfter()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?> { ["RateLimits:ExpensivePerMinute"] = "3" });
        var user = await app.RegisterAndLoginAsync();
        var other = await app.RegisterAndLoginAsync();

        for (var i = 0; i < 3; i++)
        {
            (await user.Client.GetAsync("/api/vapi/metrics")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var limited = await user.Client.GetAsync("/api/vapi/metrics/export");

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.GetValues("Retry-After").Single()).Should().BeInRange(1, 60);
        (await other.Client.GetAsync("/api/vapi/metrics")).StatusCode.Should().Be(HttpStatusCode.OK, "the limit is per user");
        (await user.Client.GetAsync("/api/vapi/agents")).StatusCode.Should().Be(HttpStatusCode.OK, "cheap routes are not limited");
    }

    [SkippableFact]
    public async Task TheWebhookLimit_IsPerAgent_HoweverTheIdIsWritten()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?> { ["RateLimits:WebhooksPerMinute"] = "3" });
        using var client = app.CreateClient();
        var agent = Guid.NewGuid();
        var other = Guid.NewGuid();

        var answers = new List<HttpStatusCode>();
        foreach (var written in new[] { agent.ToString(), agent.ToString().ToUpperInvariant(), agent.ToString("N"), agent.ToString("N").ToUpperInvariant() })
        {
            answers.Add((await client.PostAsync($"/api/vapi/webhooks/{written}", HttpJson.Raw("{}"))).StatusCode);
        }

        answers.Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests);
        (await client.PostAsync($"/api/vapi/webhooks/{other}", HttpJson.Raw("{}"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the limit is per agent");
    }

    [SkippableFact]
    public async Task SwaggerAndHangfire_CarryAPolicyOfTheirOwn()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        using var client = app.CreateClient();

        foreach (var path in new[] { "/swagger/index.html", "/swagger/v1/swagger.json", "/hangfire" })
        {
            var response = await client.GetAsync(path);

            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            policy.Should().Contain("default-src 'self'").And.Contain("object-src 'none'").And.Contain("frame-ancestors 'none'")
                .And.Contain("base-uri 'none'").And.Contain("form-action 'self'").And.Contain("connect-src 'self'", path);
            policy.Should().NotContain("*", path);
        }
    }

    [SkippableFact]
    public async Task SignInAttempts_AreLimitedPerAddress()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "4" });
        using var client = app.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await client.PostAsJsonAsync("/api/auth/login", new { email = $"nobody{i}@example.test", password = "Wrong-pass-1" })).StatusCode);
        }

        answers.Take(4).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        answers.Skip(4).Should().OnlyContain(s => s == HttpStatusCode.TooManyRequests);
    }
}

/// <summary>The audit trail: who changed what, when, from where — never a secret.</summary>
public sealed class AuditTrailTests
{
    [SkippableFact]
    public async Task AgentChangesAndFailedSignIns_AreRecorded_ForTheirOwner_AndAdminsSeeAll()
    {
        const string adminEmail = "auditor@example.test";
        await using var vapi = await VapiSimulator.SimulatorServer.StartAsync(new VapiSimulator.SimulatorOptions());
        await using var app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?> { ["Vapi:BaseUrl"] = vapi.BaseUrl });
        var user = await app.RegisterAndLoginAsync();
        var stranger = await app.RegisterAndLoginAsync();
        var firstKey = AgentApi.NewKey("audit");
        var secondKey = AgentApi.NewKey("audit2");
        var agent = (await AgentApi.CreateAsync(user.Client, "Scheduling", firstKey)).Id();
        (await user.Client.PatchAsJsonAsync($"/api/vapi/agents/{agent}", new { name = "Patient Scheduling", apiKey = secondKey, agentId = "asst_9", isActive = false })).EnsureSuccessStatusCode();
        await user.Client.PostAsync($"/api/vapi/agents/{agent}/verify", null);
        var secret = (await (await user.Client.PostAsync($"/api/vapi/agents/{agent}/webhook-secret", null)).JsonAsync()).GetProperty("secret").GetString()!;
        SecretLedger.Register(secret);
        (await user.Client.DeleteAsync($"/api/vapi/agents/{agent}")).EnsureSuccessStatusCode();
        using var anonymous = app.CreateClient();
        await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "Not-the-password-1" });

        var own = (await user.Client.GetFromJsonAsync<JsonElement>("/api/vapi/audit")).GetProperty("events").EnumerateArray().ToList();
        var strangers = (await stranger.Client.GetFromJsonAsync<JsonElement>("/api/vapi/audit")).GetProperty("events");
        await app.RegisterAndLoginAsync(adminEmail);
        var admin = await OperatorCommand.GrantAdminAsync(app, adminEmail);
        var all = (await admin.Client.GetFromJsonAsync<JsonElement>("/api/vapi/audit?limit=200")).GetProperty("events");
        var page = (await user.Client.GetFromJsonAsync<JsonElement>("/api/vapi/audit?limit=2&offset=1")).GetProperty("events");

        own.Select(e => e.GetProperty("action").GetString()).Should().Equal(
            "sign-in.failed", "agent.deleted", "agent.webhook-secret-rotated", "agent.verified", "agent.deactivated",
            "agent.assistant-changed", "agent.key-replaced", "agent.renamed", "agent.created");
        own.Should().OnlyContain(e => e.GetProperty("ipAddress").GetString() == "127.0.0.1");
        own[7].GetProperty("details").GetString().Should().Be("\"Scheduling\" → \"Patient Scheduling\"");
        own[6].GetProperty("details").GetString().Should().Be($"…{firstKey[^4..]} → …{secondKey[^4..]}");
        own[0].GetProperty("actorId").ValueKind.Should().Be(JsonValueKind.Null, "nobody was signed in");
        own[3].GetProperty("details").GetString().Should().Be("not valid: Vapi rejected this API key.");
        string.Join('\n', own.Select(e => e.GetRawText())).Should().NotContain(firstKey).And.NotContain(secondKey).And.NotContain(secret).And.NotContain("Not-the-password-1");
        strangers.GetArrayLength().Should().Be(0);
        all.EnumerateArray().Select(e => e.GetProperty("userId").GetString()).Should().Contain(own[0].GetProperty("userId").GetString());
        page.EnumerateArray().Select(e => e.GetProperty("action").GetString()).Should().Equal("agent.deleted", "agent.webhook-secret-rotated");
    }
}
