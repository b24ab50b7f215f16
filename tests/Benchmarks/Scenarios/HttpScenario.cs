using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using VapiAgents.Benchmarks.Harness;
using VapiAgents.TestSupport;

namespace VapiAgents.Benchmarks.Scenarios;

/// <summary>
/// Requests per second of an authenticated <c>GET /api/vapi/agents</c> (a user with ten agents) against
/// <c>/health/live</c> on the same app process, each under the same <c>wrk</c> load in turn.
/// </summary>
public static partial class HttpScenario
{
    private const int Agents = 10;
    private const int Threads = 2;
    private const int Connections = 32;
    private const int WarmUpSeconds = 15;

    public static async Task<Figures> RunAsync(BenchArgs args)
    {
        var seconds = args.Seconds ?? 12;
        await using var database = await BenchDatabase.CreateAsync(args.Provider, "http");
        var settings = database.Settings;
        foreach (var (key, value) in ProductServices.EncryptionSettings)
        {
            settings[key] = value;
        }

        settings["Sync:Enabled"] = "false";
        // "--set Key=Value" (repeatable) passes a product setting, so one option can be measured on and off.
        foreach (var (key, value) in args.Settings())
        {
            settings[key] = value;
        }

        await using var app = WebApiProcess.Start(settings, "Production", keptLines: 200);
        await app.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        using var api = new ApiClient(app.BaseUrl);
        await api.RegisterAndLoginAsync("http-bench@example.test");
        for (var i = 0; i < Agents; i++)
        {
            await api.CreateAgentAsync($"Agent {i + 1}", $"bench-key-{i:D2}-0123456789abcdef", null);
        }

        var header = $"Authorization: Bearer {api.AccessToken}";
        // Long enough for tiered compilation to finish promoting the hot paths on two busy cores: with 3 s the
        // agents route was still measured half-jitted and read a third lower than its steady state.
        Console.WriteLine($"Warming up both routes ({WarmUpSeconds} s each)…");
        await WrkAsync(app.BaseUrl + "/api/vapi/agents", header, WarmUpSeconds);
        await WrkAsync(app.BaseUrl + "/health/live", null, WarmUpSeconds);
        Console.WriteLine($"wrk -t{Threads} -c{Connections} -d{seconds}s on each route…");
        var tracer = await Tracer.StartAsync(args.Trace, app.Id);
        var agents = await WrkAsync(app.BaseUrl + "/api/vapi/agents", header, seconds);
        if (tracer is not null)
        {
            await tracer.DisposeAsync();
        }

        var live = await WrkAsync(app.BaseUrl + "/health/live", null, seconds);
        return new Figures("http", args.Provider)
            .Add("agentsRps", agents)
            .Add("liveRps", live)
            .Add("ratio", agents / live, "≥ 0.25")
            .Note("load", $"wrk -t{Threads} -c{Connections} -d{seconds}s, app in its own process (Production)")
            .Note("settings", string.Join(' ', args.Settings().Select(s => $"{s.Key}={s.Value}")));
    }

    /// <summary>Runs wrk (PATH, or WRK) against one URL and reads its "Requests/sec"; non-2xx answers fail the run.</summary>
    private static async Task<double> WrkAsync(string url, string? header, int seconds)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("WRK") ?? "wrk")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { $"-t{Threads}", $"-c{Connections}", $"-d{seconds}s", "--latency" })
        {
            start.ArgumentList.Add(argument);
        }

        if (header is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add(header);
        }

        start.ArgumentList.Add(url);
        using var wrk = Process.Start(start)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        if (wrk.ExitCode != 0 || output.Contains("Non-2xx", StringComparison.Ordinal) || RequestsPerSecond().Match(output) is not { Success: true } match)
        {
            throw new InvalidOperationException($"wrk against {url} did not run cleanly:\n{output}");
        }

        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();
}
