using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using VapiAgents.TestSupport;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;
using Xunit.Abstractions;

namespace VapiAgents.WebApi.FunctionalTests.Reliability;

/// <summary>
/// wrk at 64 connections against an authenticated GET /api/vapi/agents and GET /api/vapi/metrics of a real
/// WebApi process: no errors, no non-2xx answers. The default test run loads each for a few seconds;
/// <c>scripts/load.sh</c> runs the full 60 seconds (<c>VAPIAGENTS_LOAD_SECONDS</c>) and writes the figures.
/// </summary>
[Trait("Category", "Load")]
public sealed partial class LoadTests(ITestOutputHelper output)
{
    private static int Seconds => int.TryParse(Environment.GetEnvironmentVariable("VAPIAGENTS_LOAD_SECONDS"), out var s) ? s : 4;

    [SkippableTheory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task AgentsAndMetricsUnderLoad_AnswerOnly2xx(Provider provider)
    {
        const string wrk = "/usr/bin/wrk";
        if (!File.Exists(wrk))
        {
            if (PostgresTestServer.RunningInCi)
            {
                throw new InvalidOperationException("CI=true but wrk is not installed (apt-get install wrk).");
            }

            Skip.If(true, "wrk is not installed (apt-get install wrk).");
        }

        await using var vapi = await SimulatorServer.StartAsync(new SimulatorOptions { Scenario = new ScenarioSpec { Seed = 71, Orgs = [new OrgSpec { Calls = 3000, Days = 10 }] } });
        var key = SecretLedger.Register(vapi.Scenario.Orgs[0].Keys[0]);
        using var folder = new TempFolder("load");
        TestDatabase? database = provider == Provider.PostgreSql ? await PostgresTestServer.CreateDatabaseAsync("load") : null;
        try
        {
            var settings = TestSettings.Encryption();
            settings["DataFolder"] = folder.Path;
            settings["Vapi:BaseUrl"] = vapi.BaseUrl;
            settings["Sync:Enabled"] = "false";
            settings["Logging:LogLevel:Default"] = "Warning";
            // Load is the point here; the limits have tests of their own.
            settings["RateLimits:ExpensivePerMinute"] = "100000000";
            if (database is not null)
            {
                settings["Database:Provider"] = "PostgreSql";
                settings["ConnectionStrings:Default"] = database.ConnectionString;
            }

            await using var app = WebApiProcess.Start(settings);
            await app.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            var token = (await Accounts.SignUpAsync(client)).Tokens.AccessToken;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            for (var i = 0; i < 5; i++)
            {
                var agent = (await AgentApi.CreateAsync(client, $"Loaded {i}", key, i == 0 ? null : vapi.Scenario.Orgs[0].Assistants[i % 3].Id)).Id();
                await SyncApi.SyncAsync(client, agent);
            }

            var results = new List<string>();
            foreach (var path in new[] { "/api/vapi/agents", "/api/vapi/metrics?timezone=America/New_York" })
            {
                var run = await RunWrkAsync(wrk, app.BaseUrl + path, token);
                output.WriteLine($"{provider} {path}: {run}");
                results.Add($"| {provider} | `GET {path}` | {Seconds} s | {run.Requests:N0} | {run.RequestsPerSecond:N0} | {run.P99} | {run.Errors} | {run.Non2xx} |");
                run.Errors.Should().Be(0, path);
                run.Non2xx.Should().Be(0, path);
                run.Requests.Should().BeGreaterThan(0);
            }

            if (Environment.GetEnvironmentVariable("VAPIAGENTS_LOAD_REPORT") is { Length: > 0 } report)
            {
                await File.AppendAllLinesAsync(report, results);
            }
        }
        finally
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }
        }
    }

    public sealed record WrkRun(long Requests, double RequestsPerSecond, string P99, long Errors, long Non2xx)
    {
        public override string ToString() => $"{Requests} requests, {RequestsPerSecond:N0} rps, p99 {P99}, {Errors} socket errors, {Non2xx} non-2xx";
    }

    private async Task<WrkRun> RunWrkAsync(string wrk, string url, string token)
    {
        var start = new ProcessStartInfo(wrk, ["-t2", "-c64", $"-d{Seconds}s", "--timeout", "10s", "--latency", "-H", $"Authorization: Bearer {token}", url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var requests = long.Parse(RequestsLine().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        var rps = double.Parse(RpsLine().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        var p99 = P99Line().Match(text).Groups[1].Value;
        var errors = SocketErrors().Match(text) is { Success: true } socket
            ? socket.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        var non2xx = Non2xxLine().Match(text) is { Success: true } bad ? long.Parse(bad.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new WrkRun(requests, rps, p99, errors, non2xx);
    }

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RpsLine();

    [GeneratedRegex(@"99%\s+(\S+)")]
    private static partial Regex P99Line();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xxLine();
}
