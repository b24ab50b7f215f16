using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using Xunit.Abstractions;

namespace VapiAgents.WebApi.FunctionalTests.Security;

/// <summary>
/// Thousands of generated hostile requests over every route: wrong types, huge numbers, deep and huge JSON,
/// invalid UTF-8, SQL and script payloads, path tricks, huge query strings, duplicate keys, nulls everywhere.
/// Not one may answer 5xx or show a stack trace, and the owner's data must be unchanged afterwards.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private static readonly string[] Nasty =
    [
        "' OR '1'='1", "'; DROP TABLE \"VapiAgents\";--", "\" OR \"\"=\"", "1; SELECT pg_sleep(5)--", "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>", "{{7*7}}", "${jndi:ldap://x}", "../../../../etc/passwd", "..\\..\\windows\\win.ini",
        "%00", "\u0000", "\u202e", "𝕍𝕒𝕡𝕚 🤖", "null", "undefined", "NaN", "-1", "0", "1e309", "99999999999999999999999999",
        "-99999999999999999999", "2024-02-30", "9999-12-31", "0000-00-00", "2024-01-01T25:61:61Z", "Mars/Olympus", "+99:99",
        new string('a', 5000), new string('9', 400), "[]", "{}", "true", " ", "",
    ];

    private static readonly string[] JsonValues =
    [
        "null", "true", "false", "0", "-1", "1.5", "1e309", "-1e309", "123456789012345678901234567890", "\"\"", "\" \"",
        "[]", "[null]", "{}", "{\"$ne\": null}", "\"\\u0000\"", "\"" + new string('x', 20000) + "\"", "[" + string.Join(',', Enumerable.Repeat("1", 5000)) + "]",
        "\"' OR 1=1--\"", "\"<script>alert(1)</script>\"", "\"not-a-guid\"", "\"00000000-0000-0000-0000-000000000000\"",
    ];

    [SkippableFact]
    public async Task ThousandsOfHostileRequests_NeverAnswer5xx_NorShowAStackTrace()
    {
        await using var vapi = await SimulatorServer.StartAsync(new SimulatorOptions { Scenario = new ScenarioSpec { Orgs = [new OrgSpec { Calls = 50 }] } });
        await using var app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?> { ["Vapi:BaseUrl"] = vapi.BaseUrl });
        var owner = await app.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(owner.Client, "Target", SecretLedger.Register(vapi.Scenario.Orgs[0].Keys[0]))).Id();

        // Bodies that happen to be valid ("true" is a fine name) legitimately change the agent they are sent to,
        // so updates go to a scratch agent; every other route aims at the target, which must come out unchanged.
        var scratch = (await AgentApi.CreateAsync(owner.Client, "Scratch", SecretLedger.Register(vapi.Scenario.Orgs[0].Keys[0]))).Id();
        var before = await owner.Client.GetStringAsync($"/api/vapi/agents/{agent}");

        var requests = Generate(agent, scratch).ToList();
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", owner.Tokens.AccessToken);
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (hostile, _) =>
        {
            var (status, body) = hostile.Raw is { } raw ? await SendRawAsync(client.BaseAddress!, raw, owner.Tokens.AccessToken) : await SendAsync(client, hostile);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status >= 500 || body.Contains("   at ") || body.Contains("Exception") || body.Contains("StackTrace"))
            {
                failures.Enqueue($"{status} {hostile}: {body[..Math.Min(body.Length, 300)]}");
            }
        });

        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        output.WriteLine($"Hostile requests sent: {requests.Count}; answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        requests.Count.Should().BeGreaterThanOrEqualTo(2000);
        failures.Should().BeEmpty();
        (await owner.Client.GetStringAsync($"/api/vapi/agents/{agent}")).Should().Be(before, "no hostile request changed the target agent");
        (await owner.Client.GetAsync($"/api/vapi/agents/{scratch}")).StatusCode.Should().Be(HttpStatusCode.OK, "the scratch agent is still readable");
        var ids = System.Text.Json.JsonDocument.Parse(await owner.Client.GetStringAsync("/api/vapi/agents?includeDeleted=true"))
            .RootElement.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("id").GetGuid());
        ids.Should().BeEquivalentTo([agent, scratch], "hostile requests neither created nor lost an agent");
    }

    private sealed record Hostile(HttpMethod Method, string Path, string? Body = null, byte[]? Bytes = null, string ContentType = "application/json", string? Raw = null)
    {
        public override string ToString() => $"{Method} {(Raw ?? Path)[..Math.Min((Raw ?? Path).Length, 120)]} body[{(Body ?? "").Length + (Bytes?.Length ?? 0)}]";
    }

    private static IEnumerable<Hostile> Generate(Guid agent, Guid scratch)
    {
        var idRoutes = new (HttpMethod Method, Func<string, string> Path)[]
        {
            (HttpMethod.Get, id => $"/api/vapi/agents/{id}"), (HttpMethod.Patch, id => $"/api/vapi/agents/{id}"),
            (HttpMethod.Delete, id => $"/api/vapi/agents/{id}"), (HttpMethod.Post, id => $"/api/vapi/agents/{id}/verify"),
            (HttpMethod.Post, id => $"/api/vapi/agents/{id}/webhook-secret"), (HttpMethod.Get, id => $"/api/vapi/agents/{id}/webhook-deliveries"),
            (HttpMethod.Get, id => $"/api/vapi/sync/{id}"), (HttpMethod.Post, id => $"/api/vapi/webhooks/{id}"),
            (HttpMethod.Patch, id => $"/api/vapi/agents?id={id}"), (HttpMethod.Delete, id => $"/api/vapi/agents?id={id}"),
        };

        // Path tricks and hostile ids, sent raw so no client library tidies them up first.
        foreach (var (method, path) in idRoutes)
        {
            foreach (var id in Nasty.Where(n => n.Length < 1000).Concat(["..%2f..%2f", "%2e%2e/%2e%2e", "%252e%252e", ";/..", "a/b/c", "//", "%", "%zz", Guid.NewGuid().ToString("B")]))
            {
                yield return new Hostile(method, "", Raw: $"{method} {path(Uri.EscapeDataString(id).Replace("%25", "%"))} HTTP/1.1");
            }
        }

        // Query strings: every parameter of every route, with hostile values, repeated, and huge.
        var queries = new[] { "/api/vapi/agents?includeDeleted=", "/api/vapi/sync?limit=1&agentId=", "/api/vapi/sync?agentId=" + agent + "&limit=", "/api/vapi/sync?agentId=" + agent + "&offset=",
            "/api/vapi/metrics?agentId=", "/api/vapi/metrics?startDate=", "/api/vapi/metrics?endDate=", "/api/vapi/metrics?timezone=", "/api/vapi/metrics?includeInactive=",
            "/api/vapi/metrics?compare=", "/api/vapi/metrics/export?groupBy=", "/api/vapi/metrics/export?timezone=", "/api/vapi/audit?limit=",
            "/api/vapi/agents/" + agent + "/webhook-deliveries?limit=", "/api/vapi/metrics?startDate=2024-01-01&endDate=" };
        foreach (var query in queries)
        {
            foreach (var value in Nasty)
            {
                yield return new Hostile(HttpMethod.Get, query + Uri.EscapeDataString(value));
            }

            yield return new Hostile(HttpMethod.Get, query + "1&" + query.Split('?')[1] + "2");
            yield return new Hostile(HttpMethod.Get, query + new string('z', 40_000));
        }

        // Bodies: each field of each route given every hostile JSON value; then broken and oversized documents.
        var bodies = new (HttpMethod Method, string Path, string[] Fields)[]
        {
            (HttpMethod.Post, "/api/vapi/agents", ["name", "apiKey", "agentId"]),
            (HttpMethod.Patch, $"/api/vapi/agents/{scratch}", ["name", "apiKey", "agentId", "isActive"]),
            (HttpMethod.Patch, $"/api/vapi/agents?id={scratch}", ["name", "isActive"]),
            (HttpMethod.Post, "/api/vapi/sync", ["agentId", "startDate", "endDate", "timezone", "wait"]),
            (HttpMethod.Post, "/api/auth/login", ["email", "password"]),
            (HttpMethod.Post, "/api/auth/register", ["email", "password"]),
            (HttpMethod.Post, $"/api/vapi/webhooks/{agent}", ["message"]),
        };
        foreach (var (method, path, fields) in bodies)
        {
            foreach (var field in fields)
            {
                foreach (var value in JsonValues.Concat(Nasty.Select(n => System.Text.Json.JsonSerializer.Serialize(n))))
                {
                    yield return new Hostile(method, path, $"{{\"{field}\": {value}}}");
                }
            }

            foreach (var document in BrokenDocuments(fields))
            {
                yield return new Hostile(method, path, document);
            }

            yield return new Hostile(method, path, Bytes: [0x7B, 0x22, 0x6E, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0xC3, 0x28, 0x22, 0x7D]);
            yield return new Hostile(method, path, Bytes: [0xEF, 0xBB, 0xBF, 0x7B, 0x7D]);
            yield return new Hostile(method, path, "name=x&apiKey=y", ContentType: "application/x-www-form-urlencoded");
            yield return new Hostile(method, path, "<agent><name>x</name></agent>", ContentType: "application/xml");
            yield return new Hostile(method, path, "{\"name\": \"x\"}", ContentType: "text/plain");
        }
    }

    private static IEnumerable<string> BrokenDocuments(string[] fields)
    {
        var first = fields[0];
        yield return "";
        yield return "null";
        yield return "[]";
        yield return "\"just a string\"";
        yield return "{";
        yield return "{\"" + first + "\": ";
        yield return "{'" + first + "': 'single quotes'}";
        yield return "{\"" + first + "\": \"a\", \"" + first + "\": \"b\"}";
        yield return "{" + string.Join(", ", fields.Select(f => $"\"{f}\": null")) + "}";
        yield return new string('[', 5000) + new string(']', 5000);
        yield return string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
        yield return "{\"" + first + "\": \"" + new string('x', 900_000) + "\"}";
        yield return "{\"" + first + "\": \"" + new string('x', 1_100_000) + "\"}";
        yield return "{" + string.Join(",", Enumerable.Range(0, 20000).Select(i => $"\"k{i}\":{i}")) + "}";
        yield return "{\"" + first + "\": 1} trailing";
        yield return "{\"" + first + "\": 01}";
        yield return "{\"" + first + "\": \"\\ud800\"}";
        yield return "/* comment */ {}";
    }

    private static async Task<(int Status, string Body)> SendAsync(HttpClient client, Hostile hostile)
    {
        using var request = new HttpRequestMessage(hostile.Method, hostile.Path);
        if (hostile.Body is not null || hostile.Bytes is not null)
        {
            request.Content = new ByteArrayContent(hostile.Bytes ?? Encoding.UTF8.GetBytes(hostile.Body!));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(hostile.ContentType);
            request.Headers.ExpectContinue = request.Content.Headers.ContentLength > 1024 * 1024 || (hostile.Body?.Length ?? 0) > 1024 * 1024;
        }

        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>One HTTP/1.1 request written by hand, for paths a client library would normalise.</summary>
    private static async Task<(int Status, string Body)> SendRawAsync(Uri server, string requestLine, string token)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var text = $"{requestLine}\r\nHost: {server.Authority}\r\nAuthorization: Bearer {token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync();
        var status = answer.Length > 12 && int.TryParse(answer.AsSpan(9, 3), out var code) ? code : 0;
        status.Should().NotBe(0, $"no answer to {requestLine}");
        return (status, answer);
    }
}
