using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Security;

/// <summary>
/// OWASP API1/API2: every route that names an agent × {owner, other user, anonymous, deleted, unknown, malformed}.
/// The owner gets 2xx, anonymous 401, every other case 404 with one and the same body (400/404 for malformed ids).
/// </summary>
public abstract class IsolationMatrixTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    [SkippableFact]
    public void TheCatalogue_ListsEveryProtectedRouteOfTheApp()
    {
        var endpoints = App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/vapi") || raw.StartsWith("/api/admin")))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .ToHashSet();

        endpoints.Should().NotBeEmpty();
        endpoints.Should().BeSubsetOf(RouteCatalogue.All.Select(r => r.Key), "every protected route must be in the isolation matrix");
        RouteCatalogue.All.Select(r => r.Key).Should().BeSubsetOf(endpoints, "the catalogue must not list routes that no longer exist");
    }

    public static TheoryData<string> IdRoutes => new(RouteCatalogue.WithId.Select(r => r.Key));

    public static TheoryData<string> AllRoutes => new(RouteCatalogue.WithBearer.Select(r => r.Key));

    private static RouteCase Route(string key) => RouteCatalogue.All.Single(r => r.Key == key);

    [SkippableTheory]
    [MemberData(nameof(IdRoutes))]
    public async Task IdRoute_AnswersOnlyItsOwner_AndEveryOtherCaseIdentically(string key)
    {
        var route = Route(key);
        var owner = await App.RegisterAndLoginAsync();
        var stranger = await App.RegisterAndLoginAsync();
        var vapiKey = fixture.Vapi.Scenario.Orgs[0].Keys[0];
        var agentId = (await AgentApi.CreateAsync(owner.Client, $"Mine {Guid.NewGuid():N}", vapiKey)).Id().ToString();
        var deletedId = (await AgentApi.CreateAsync(owner.Client, $"Gone {Guid.NewGuid():N}", vapiKey)).Id().ToString();
        var (agent, deleted) = route.Resource switch
        {
            RouteResource.SyncRun => (await SyncIdAsync(owner, agentId), await SyncIdAsync(owner, deletedId)),
            RouteResource.Client => (await ClientIdAsync(owner), await ClientIdAsync(owner)),
            _ => (agentId, deletedId),
        };
        (await owner.Client.DeleteAsync($"/api/vapi/agents/{deletedId}")).EnsureSuccessStatusCode();
        if (route.Resource == RouteResource.Client)
        {
            (await owner.Client.DeleteAsync($"/api/vapi/clients/{deleted}")).EnsureSuccessStatusCode();
        }
        using var anonymous = App.CreateClient();

        var otherUser = await stranger.Client.SendAsync(route.Request(agent));
        var unknown = await owner.Client.SendAsync(route.Request(Guid.NewGuid().ToString()));
        var ofDeleted = await owner.Client.SendAsync(route.Request(deleted));
        var malformed = await owner.Client.SendAsync(route.Request("not-an-id"));
        var noToken = await anonymous.SendAsync(route.Request(agent));
        var asOwner = await owner.Client.SendAsync(route.Request(agent));

        asOwner.IsSuccessStatusCode.Should().BeTrue($"{key} as owner answered {(int)asOwner.StatusCode}: {await asOwner.Content.ReadAsStringAsync()}");
        await noToken.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var bodies = new List<string>();
        foreach (var response in new[] { otherUser, unknown, ofDeleted })
        {
            bodies.Add(Comparable(await response.ShouldBeProblemAsync(HttpStatusCode.NotFound)));
        }

        bodies.Distinct().Should().ContainSingle("another user's, an unknown and a deleted id must be indistinguishable");
        malformed.StatusCode.Should().BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.NotFound);
        await malformed.ShouldBeProblemAsync(malformed.StatusCode);

        if (!route.OwnerCallDeletes)
        {
            // The stranger's attempt changed nothing the owner can see.
            (await owner.Client.GetAsync($"/api/vapi/agents/{agentId}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(AllRoutes))]
    public async Task EveryRoute_WithoutAToken_Answers401(string key)
    {
        using var anonymous = App.CreateClient();

        await (await anonymous.SendAsync(Route(key).Request(Guid.NewGuid().ToString()))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task<string> SyncIdAsync(UserSession owner, string agentId)
    {
        var response = await owner.Client.PostAsJsonAsync("/api/vapi/sync", new { agentId });
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("sync").GetProperty("id").GetString()!;
    }

    private static async Task<string> ClientIdAsync(UserSession owner)
    {
        var response = await owner.Client.PostAsJsonAsync("/api/vapi/clients", new { name = $"Client {Guid.NewGuid():N}" });
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("client").GetProperty("id").GetString()!;
    }

    /// <summary>The problem without the fields that differ per request by design (trace id, request path).</summary>
    private static string Comparable(JsonElement problem) =>
        string.Join('|', problem.EnumerateObject().Where(p => p.Name is not ("traceId" or "instance")).Select(p => $"{p.Name}={p.Value}"));
}

public sealed class SqliteIsolationMatrixTests(SqliteAppFixture fixture) : IsolationMatrixTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgreSqlIsolationMatrixTests(PostgreSqlAppFixture fixture) : IsolationMatrixTests(fixture), IClassFixture<PostgreSqlAppFixture>;
