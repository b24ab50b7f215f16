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
        // Loopback is a trusted proxy here, so the X-Forwarded-* headers below are really parsed, not ignored.
        await using var app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?>
        {
            ["Vapi:BaseUrl"] = vapi.BaseUrl,
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        });
        var owner = await app.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(owner.Client, "Target", SecretLedger.Register(vapi.Scenario.Orgs[0].Keys[0]))).Id();

        // Bodies that happen to be valid ("true" is a fine name) legitimately change the agent they are sent to,
        // so updates go to a scratch agent; every other route aims at the target, which must come out unchanged.
        var scratch = (await AgentApi.CreateAsync(owner.Client, "Scratch", SecretLedger.Register(vapi.Scenario.Orgs[0].Keys[0]))).Id();
        // With a secret, the webhook reads every proof header (secret, bearer, signature and timestamp) before refusing.
        SecretLedger.Register((await (await owner.Client.PostAsync($"/api/vapi/agents/{scratch}/webhook-secret", null)).JsonAsync()).GetProperty("secret").GetString()!);
        var before = await owner.Client.GetStringAsync($"/api/vapi/agents/{agent}");

        var requests = Generate(agent, scratch).ToList();
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", owner.Tokens.AccessToken);
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (hostile, _) =>
        {
            var (status, body) = hostile.Raw is not null ? await SendRawAsync(client.BaseAddress!, hostile, owner.Tokens.AccessToken) : await SendAsync(client, hostile);
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

    private sealed record Hostile(
        HttpMethod Method, string Path, string? Body = null, byte[]? Bytes = null, string ContentType = "application/json", string? Raw = null,
        IReadOnlyList<string>? HeaderLines = null)
    {
        public override string ToString() =>
            $"{Method} {(Raw ?? Path)[..Math.Min((Raw ?? Path).Length, 120)]} body[{(Body ?? "").Length + (Bytes?.Length ?? 0)}]" +
            string.Concat((HeaderLines ?? []).Select(h => " | " + h[..Math.Min(h.Length, 80)]));
    }

    /// <summary>Every value a header could carry at the edges of its type: empty, wrong type, overflow, huge, non-ASCII, control characters.</summary>
    private static readonly string[] HeaderEdges =
    [
        "", " ", "abc", "-1", "0", "1.5", "1e10", "0x10", "NaN", "99999999999999999", "-99999999999999999", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "18446744073709551616", "123456789012345678901234567890", "\u0661\u0662\u0663",
        "٣٤٥", "ñandú", "𝕍🤖", "	1	", "sha256=", "sha256=zz", "sha256=" + new string('a', 64), "sha256=" + new string('a', 63), "=", "==", "====",
        "AAAA", "not base64!", "Bearer", "null", "undefined", "' OR '1'='1", "<script>", new string('7', 2000), new string('x', 9000),
    ];

    /// <summary>The headers the product reads, each alone and twice, at the edges of their types, raw on the wire.</summary>
    private static IEnumerable<Hostile> HostileHeaders(Guid agent, Guid scratch)
    {
        var now = DateTimeOffset.UtcNow;
        const string report = "{\"message\":{\"type\":\"end-of-call-report\",\"call\":{\"id\":\"c1\"}}}";
        var webhook = $"POST /api/vapi/webhooks/{scratch} HTTP/1.1";
        var timestamps = HeaderEdges.Concat([now.ToUnixTimeSeconds().ToString(), now.ToUnixTimeMilliseconds().ToString(), (now.ToUnixTimeMilliseconds() * 1000).ToString()]);
        foreach (var value in timestamps)
        {
            yield return new Hostile(HttpMethod.Post, "", report, Raw: webhook, HeaderLines: [$"x-timestamp: {value}", "x-signature: sha256=" + new string('0', 64)]);
            yield return new Hostile(HttpMethod.Post, "", report, Raw: webhook, HeaderLines: [$"x-timestamp: {value}"]);
        }

        foreach (var value in HeaderEdges)
        {
            yield return new Hostile(HttpMethod.Post, "", report, Raw: webhook, HeaderLines: [$"x-timestamp: {now.ToUnixTimeSeconds()}", $"x-signature: {value}"]);
            yield return new Hostile(HttpMethod.Post, "", report, Raw: webhook, HeaderLines: [$"X-Vapi-Secret: {value}"]);
            yield return new Hostile(HttpMethod.Post, "", report, Raw: webhook, HeaderLines: [$"Authorization: {value}"]);
            yield return new Hostile(HttpMethod.Post, "", report, Raw: webhook, HeaderLines: [$"Authorization: Bearer {value}"]);
        }

        // Two values of each, and every proof at once.
        yield return new Hostile(HttpMethod.Post, "", report, Raw: webhook, HeaderLines: ["x-timestamp: 1", "x-timestamp: 2", "x-signature: a", "x-signature: b"]);
        yield return new Hostile(HttpMethod.Post, "", report, Raw: webhook, HeaderLines: ["X-Vapi-Secret: a", "X-Vapi-Secret: b"]);
        yield return new Hostile(HttpMethod.Post, "", report, Raw: webhook, HeaderLines: ["X-Vapi-Secret: a, b"]);
        yield return new Hostile(HttpMethod.Post, "", report, Raw: webhook, HeaderLines: ["Authorization: Bearer a", "Authorization: Bearer b"]);
        yield return new Hostile(HttpMethod.Post, "", report, Raw: webhook,
            HeaderLines: ["X-Vapi-Secret: x", "Authorization: Bearer y", $"x-timestamp: {now.ToUnixTimeSeconds()}", "x-signature: zz"]);

        // Authorization on the user routes: empty, scheme only, wrong scheme, huge, non-ASCII, two values, token shapes.
        var authorizations = new[]
        {
            "", "Bearer", "Bearer ", "Bearer  ", "bearer x", "BEARER x", "Basic dXNlcjpwYXNz", "Negotiate x", "Bearer va_pat_", "Bearer va_pat_" + new string('z', 64),
            "Bearer va_pat_ñ", "Bearer a.b.c", "Bearer ....", "Bearer eyJhbGciOiJub25lIn0.e30.", "Bearer eyJhbGciOiJIUzI1NiJ9." + new string('A', 500) + ".x",
            "Bearer " + new string('x', 9000), "Bearer ñandú", "Bearer 𝕍🤖", "Bearer 	tab", "Bearer a, Bearer b",
        };
        foreach (var route in new[] { "GET /api/vapi/agents HTTP/1.1", $"GET /api/vapi/agents/{agent} HTTP/1.1", "GET /api/vapi/metrics HTTP/1.1",
                     "POST /api/auth/logout HTTP/1.1", "GET /api/auth/tokens HTTP/1.1", "POST /api/admin/encryption/rotate HTTP/1.1", "GET /hangfire HTTP/1.1" })
        {
            foreach (var value in authorizations)
            {
                yield return new Hostile(HttpMethod.Get, "", Raw: route, HeaderLines: [$"Authorization: {value}"]);
            }

            yield return new Hostile(HttpMethod.Get, "", Raw: route, HeaderLines: ["Authorization: Bearer x", "Authorization: Bearer y"]);
        }

        // Forwarded headers from a trusted proxy: addresses, schemes and hosts of every shape.
        var forwardedFor = new[] { "", "unknown", "garbage", "1.2.3.4, 5.6.7.8", "999.999.999.999", "1.2.3.4:99999", "[::1]:99999", "[::1", "::ffff:1.2.3.4",
            "fe80::1%eth0", "2001:db8::1", "2001:db8::1, 10.0.0.1, ::1", string.Join(", ", Enumerable.Repeat("10.0.0.1", 2000)), "ñ", "1.2.3.4	" };
        var forwardedProto = new[] { "", "https", "HTTPS", "http, https", "javascript", "ftp", "ñ", new string('s', 9000) };
        var forwardedHost = new[] { "", "evil.example", "a b", "[::1", "host:99999", "host:-1", "ümlaut.example", "x/../y", "a, b", new string('h', 9000), "@evil" };
        var routes = new[] { "POST /api/auth/login HTTP/1.1", $"POST /api/vapi/agents/{scratch}/webhook-secret HTTP/1.1", "GET /api/vapi/audit HTTP/1.1", webhook };
        foreach (var route in routes)
        {
            var body = route.StartsWith("POST /api/auth/login", StringComparison.Ordinal) ? "{\"email\":\"nobody@example.test\",\"password\":\"Wrong-pass-1\"}" : report;
            foreach (var value in forwardedFor)
            {
                yield return new Hostile(HttpMethod.Post, "", body, Raw: route, HeaderLines: [$"X-Forwarded-For: {value}"]);
            }

            foreach (var value in forwardedProto)
            {
                yield return new Hostile(HttpMethod.Post, "", body, Raw: route, HeaderLines: [$"X-Forwarded-Proto: {value}", "X-Forwarded-For: 203.0.113.5"]);
            }

            foreach (var value in forwardedHost)
            {
                yield return new Hostile(HttpMethod.Post, "", body, Raw: route, HeaderLines: [$"X-Forwarded-Host: {value}", "X-Forwarded-For: 203.0.113.5"]);
            }

            yield return new Hostile(HttpMethod.Post, "", body, Raw: route, HeaderLines: ["X-Forwarded-For: 1.1.1.1", "X-Forwarded-For: 2.2.2.2", "X-Forwarded-Proto: https", "X-Forwarded-Proto: http"]);
        }
    }

    private static IEnumerable<Hostile> Generate(Guid agent, Guid scratch)
    {
        foreach (var hostile in HostileHeaders(agent, scratch))
        {
            yield return hostile;
        }

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

    /// <summary>One HTTP/1.1 request written by hand, for paths a client library would normalise and headers it would refuse.</summary>
    private static async Task<(int Status, string Body)> SendRawAsync(Uri server, Hostile hostile, string token)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var lines = hostile.HeaderLines ?? [];
        var body = Encoding.UTF8.GetBytes(hostile.Body ?? "");
        var head = new StringBuilder($"{hostile.Raw}\r\nHost: {server.Authority}\r\n");
        if (!lines.Any(l => l.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase)))
        {
            head.Append($"Authorization: Bearer {token}\r\n");
        }

        foreach (var line in lines)
        {
            head.Append(line).Append("\r\n");
        }

        if (body.Length > 0)
        {
            head.Append($"Content-Type: {hostile.ContentType}\r\n");
        }

        head.Append($"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        // UTF-8 on the wire: non-ASCII header values reach the server as the bytes a hostile client would send.
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.ToString()));
        await stream.WriteAsync(body);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync();
        var status = answer.Length > 12 && int.TryParse(answer.AsSpan(9, 3), out var code) ? code : 0;
        status.Should().NotBe(0, $"no answer to {hostile}");
        return (status, answer);
    }
}
