using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Alerts;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;

namespace VapiAgents.WebApi.FunctionalTests.Metrics;

/// <summary>Agents' <c>concurrencyLimit</c> (one value per Vapi org) and the concurrency answer's <c>limit</c> and <c>minutesAtOrAboveLimit</c>.</summary>
public abstract class ConcurrencyLimitTests(TwoOrgsAppFixture fixture)
{
    private TestApp App => fixture.App;

    /// <summary>Yesterday (UTC): far enough back that no call is still in progress, inside the default ranges.</summary>
    private static readonly DateOnly Day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    private static DateTime At(int hour, int minute) => Day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Utc);

    private void AddCall(int org, (int H, int M) from, (int H, int M) to)
    {
        var call = AlertsAppFixture.Call($"asst-{Guid.NewGuid():N}", 0.5m, At(from.H, from.M));
        call["startedAt"] = At(from.H, from.M).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        call["endedAt"] = At(to.H, to.M).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        fixture.Vapi.Simulation.AddCalls(fixture.Key(org), [call]);
    }

    private async Task<Guid> VerifiedAgentAsync(UserSession user, int org)
    {
        var agent = (await AgentApi.CreateAsync(user.Client, $"Org {org} {Guid.NewGuid():N}", fixture.Key(org))).Id();
        (await user.Client.PostAsync($"/api/vapi/agents/{agent}/verify", null)).StatusCode.Should().Be(HttpStatusCode.OK, "verifying tells the agent its Vapi org");
        await SyncApi.SyncAsync(user.Client, agent, new { startDate = Day.ToString("yyyy-MM-dd"), endDate = Day.ToString("yyyy-MM-dd"), timezone = "UTC" });
        return agent;
    }

    private static async Task<int?> LimitOfAsync(UserSession user, Guid agent)
    {
        var limit = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/vapi/agents/{agent}")).GetProperty("agent").GetProperty("concurrencyLimit");
        return limit.ValueKind == JsonValueKind.Null ? null : limit.GetInt32();
    }

    private static async Task<JsonElement> ConcurrencyAsync(UserSession user, string selection)
    {
        var day = Day.ToString("yyyy-MM-dd");
        var response = await user.Client.GetAsync($"/api/vapi/metrics/concurrency?{selection}&startDate={day}&endDate={day}&timezone=UTC&interval=hour");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("concurrency");
    }

    private static async Task PatchLimitAsync(UserSession user, Guid agent, string value)
    {
        var response = await user.Client.PatchRawAsync($"/api/vapi/agents/{agent}", $$"""{"concurrencyLimit": {{value}}}""");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task TheLimitIsTheOrgs_SummedOverTheSelectedOrgs_AndTheMinutesAtOrAboveItAreExact()
    {
        // Org 0: [10:00,10:30) [10:10,10:20) [10:20,10:40) — the second ends as the third starts (no overlap there).
        // Org 1: [10:15,10:25). Together: 3 in progress from 10:15 to 10:25, 2 from 10:10 to 10:15 and 10:25 to 10:30.
        AddCall(0, (10, 0), (10, 30));
        AddCall(0, (10, 10), (10, 20));
        AddCall(0, (10, 20), (10, 40));
        AddCall(1, (10, 15), (10, 25));
        var user = await App.RegisterAndLoginAsync();
        var first = await VerifiedAgentAsync(user, 0);
        var second = await VerifiedAgentAsync(user, 0);
        var other = await VerifiedAgentAsync(user, 1);

        await PatchLimitAsync(user, first, "2");

        (await LimitOfAsync(user, second)).Should().Be(2, "the limit is the org's: set on one agent of it, it is set on all the user's agents of it");
        (await LimitOfAsync(user, other)).Should().BeNull("another org keeps its own");
        var one = await ConcurrencyAsync(user, $"agentId={second}");
        one.GetProperty("peak").GetInt32().Should().Be(2);
        one.GetProperty("limit").GetInt32().Should().Be(2);
        one.GetProperty("minutesAtOrAboveLimit").GetDecimal().Should().Be(20m, "two calls from 10:10 to 10:30; touching ends do not overlap");
        var unlimited = await ConcurrencyAsync(user, "includeInactive=true");
        unlimited.GetProperty("limit").ValueKind.Should().Be(JsonValueKind.Null, "one selected org has no limit");
        unlimited.GetProperty("minutesAtOrAboveLimit").ValueKind.Should().Be(JsonValueKind.Null);

        await PatchLimitAsync(user, other, "1");
        var all = await ConcurrencyAsync(user, "includeInactive=true");
        all.GetProperty("peak").GetInt32().Should().Be(3, "the two agents of org 0 hold the same calls, counted once");
        all.GetProperty("limit").GetInt32().Should().Be(3, "2 slots in org 0 and 1 in org 1");
        all.GetProperty("minutesAtOrAboveLimit").GetDecimal().Should().Be(10m);

        await PatchLimitAsync(user, second, "null");
        (await LimitOfAsync(user, first)).Should().BeNull();
        (await ConcurrencyAsync(user, "includeInactive=true")).GetProperty("limit").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [SkippableTheory]
    [InlineData("0")]
    [InlineData("10001")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("\"ten\"")]
    public async Task ALimitOutside1To10000_Answers400_NamingConcurrencyLimit(string value)
    {
        var user = await App.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(user.Client, "Limited", fixture.Key(0))).Id();

        var response = await user.Client.PatchRawAsync($"/api/vapi/agents/{agent}", $$"""{"concurrencyLimit": {{value}}}""");

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("concurrencyLimit");
        (await LimitOfAsync(user, agent)).Should().BeNull();
    }

    [SkippableFact]
    public async Task AnotherUsersAgent_Answers404_AndKeepsItsLimit()
    {
        var owner = await App.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(owner.Client, "Owned", fixture.Key(1))).Id();
        await PatchLimitAsync(owner, agent, "10");
        var stranger = await App.RegisterAndLoginAsync();

        await (await stranger.Client.PatchRawAsync($"/api/vapi/agents/{agent}", """{"concurrencyLimit": 1}""")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await LimitOfAsync(owner, agent)).Should().Be(10, "an agent whose org is not known yet holds its limit alone");
    }
}

public sealed class SqliteConcurrencyLimitTests(SqliteTwoOrgsAppFixture fixture) : ConcurrencyLimitTests(fixture), IClassFixture<SqliteTwoOrgsAppFixture>;

public sealed class PostgreSqlConcurrencyLimitTests(PostgreSqlTwoOrgsAppFixture fixture) : ConcurrencyLimitTests(fixture), IClassFixture<PostgreSqlTwoOrgsAppFixture>;
