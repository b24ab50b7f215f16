using System.Net;
using System.Net.Http.Json;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Security;

/// <summary>Per-address limits behind a load balancer: forwarded headers only from configured proxies; IPv6 by /64.</summary>
public sealed class ForwardedHeadersTests
{
    [SkippableFact]
    public async Task WithNoProxyConfigured_XForwardedForIsIgnored_EvenFromLoopback()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "2" });
        using var client = app.CreateClient();

        var answers = new List<HttpStatusCode>();
        foreach (var forwarded in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            answers.Add(await LoginFromAsync(client, forwarded));
        }

        answers.Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests);
    }

    [SkippableTheory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "127.0.0.1")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "127.0.0.0/8")]
    public async Task BehindAConfiguredProxy_EachClientHasItsOwnBucket_AndAnIPv6ClientIsCountedBy64(string key, string proxy)
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, new Dictionary<string, string?>
        {
            ["RateLimits:SignInPerMinute"] = "2",
            [key] = proxy,
        });
        using var client = app.CreateClient();

        var first = new[] { await LoginFromAsync(client, "203.0.113.7"), await LoginFromAsync(client, "203.0.113.7"), await LoginFromAsync(client, "203.0.113.7") };
        var other = await LoginFromAsync(client, "198.51.100.9");
        var sixA = await LoginFromAsync(client, "2001:db8:1:2::1");
        var sixB = await LoginFromAsync(client, "2001:db8:1:2:ffff:ffff:ffff:5");
        var sameSlash64 = await LoginFromAsync(client, "[2001:db8:1:2:abcd::9]:4711");
        var nextSlash64 = await LoginFromAsync(client, "2001:db8:1:3::1");

        first.Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests);
        other.Should().Be(HttpStatusCode.Unauthorized, "another client behind the same proxy has its own bucket");
        (sixA, sixB, sameSlash64).Should().Be((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests),
            "every address of one /64 is one client");
        nextSlash64.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task<HttpStatusCode> LoginFromAsync(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email = $"nobody-{Guid.NewGuid():N}@example.test", password = "Wrong-pass-1" }),
        };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        return (await client.SendAsync(request)).StatusCode;
    }
}
