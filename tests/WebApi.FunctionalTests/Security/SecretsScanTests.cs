using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Security;

/// <summary>
/// Every test app already ends with a secrets scan (TestApp.DisposeAsync). These tests drive every agent
/// operation with known keys and scan explicitly — and prove the scan can see a planted leak.
/// </summary>
public abstract class SecretsScanTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    [SkippableFact]
    public async Task AfterEveryAgentOperation_NoKeyIsInAResponse_ALogLine_OrTheDatabase()
    {
        var user = await App.RegisterAndLoginAsync();
        var orgKey = fixture.Vapi.Scenario.Orgs[0].Keys[0];
        var first = await AgentApi.CreateAsync(user.Client, "Scan one", AgentApi.NewKey("scan"));
        var second = await AgentApi.CreateAsync(user.Client, "Scan two", orgKey);
        var replacement = AgentApi.NewKey("scan-replace");

        await user.Client.PatchAsync($"/api/vapi/agents/{first.Id()}", JsonContent.Create(new { apiKey = replacement, name = "Scan one b" }));
        await user.Client.PostAsync($"/api/vapi/agents/{first.Id()}/verify", null);
        await user.Client.PostAsync($"/api/vapi/agents/{second.Id()}/verify", null);
        await user.Client.GetAsync("/api/vapi/agents?includeDeleted=true");
        await user.Client.GetAsync($"/api/vapi/agents/{second.Id()}");
        await user.Client.PostAsJsonAsync("/api/vapi/agents", new { name = "Scan one b", apiKey = AgentApi.NewKey("dup") });
        await user.Client.DeleteAsync($"/api/vapi/agents/{first.Id()}");

        (await App.FindLeakedSecretsAsync()).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task TheScan_FindsAPlantedLeak()
    {
        var planted = SecretLedger.Register(AgentApi.NewKey("planted"));
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Planted");

        logger.LogInformation("planted {Value}", planted);
        var leaks = await App.FindLeakedSecretsAsync();

        var tail = planted[^6..];
        leaks.Should().ContainSingle(l => l.StartsWith("log:") && l.Contains(tail));
        // Remove the planted line again so the app's own final scan stays clean.
        App.Logs.Forget(planted);
    }
}

public sealed class SqliteSecretsScanTests(SqliteAppFixture fixture) : SecretsScanTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgreSqlSecretsScanTests(PostgreSqlAppFixture fixture) : SecretsScanTests(fixture), IClassFixture<PostgreSqlAppFixture>;
