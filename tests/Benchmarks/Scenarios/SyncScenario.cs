using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Common.Vapi;
using VapiAgents.Application.Sync;
using VapiAgents.Application.Sync.Paging;
using VapiAgents.Benchmarks.Harness;
using VapiAgents.Domain.Usage;
using VapiAgents.TestSupport;
using VapiAgents.VapiSimulator;
using VapiAgents.VapiSimulator.Scenario;

namespace VapiAgents.Benchmarks.Scenarios;

/// <summary>
/// A full sync of one agent's calls from the simulator (served by the harness's process) into the database,
/// through the real app (its own process, <c>POST /api/vapi/sync</c> → <c>SyncAgentMetricsCommand</c>), against the
/// same windows fetched and parsed by the product's own client and pager, storing nothing.
/// </summary>
public static class SyncScenario
{
    private const string Key = "bench-sync-key";
    private const string WarmUpKey = "bench-warm-up-key";
    private const int WarmUpCalls = 5_000;
    private const int Days = 10;

    /// <summary>Budgets on the synced agent (<c>--budgets N</c>, default 20): the run ends by evaluating them (issue 17), which must not slow it.</summary>
    private const int DefaultBudgets = 20;

    private static readonly string[] Zones = ["UTC", "Pacific/Auckland", "America/Los_Angeles", "Europe/Berlin"];
    private static readonly string[] Periods = ["day", "week", "month"];

    public static async Task<Figures> RunAsync(BenchArgs args)
    {
        var calls = args.Calls ?? 100_000;
        var budgets = BudgetsAsked(args.Rest) ?? DefaultBudgets;
        var anchor = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Console.WriteLine($"Generating {calls:N0} simulated calls (+{WarmUpCalls:N0} to warm up)…");
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Scenario = new ScenarioSpec
            {
                Seed = 8,
                Anchor = anchor,
                Orgs =
                [
                    new OrgSpec { Keys = [Key], Assistants = 3, Calls = calls, Days = Days },
                    new OrgSpec { Keys = [WarmUpKey], Assistants = 1, Calls = WarmUpCalls, Days = Days },
                ],
            },
        });

        // The whole generated span, as the range sync reads it: created-at in [from, anchor], end included.
        var from = anchor.UtcDateTime.AddDays(-(Days + 1));
        var to = anchor.UtcDateTime;
        var window = new TimeWindow(CallTimeField.CreatedAt, from, to.AddMilliseconds(1));

        var reference = await FetchParseOnlyAsync(simulator.BaseUrl, window, calls);

        await using var database = await BenchDatabase.CreateAsync(args.Provider, "sync");
        var settings = database.Settings;
        foreach (var (key, value) in ProductServices.EncryptionSettings)
        {
            settings[key] = value;
        }

        settings["Vapi:BaseUrl"] = simulator.BaseUrl;
        settings["Sync:Enabled"] = "false";
        settings["Sync:MaxRangeDays"] = "400";
        settings["Logging:LogLevel:Default"] = "Warning";
        // "--set Key=Value" (repeatable), as in the http scenario: a product setting or runtime variable measured on and off.
        foreach (var (key, value) in args.Settings())
        {
            settings[key] = value;
        }

        await using var app = WebApiProcess.Start(settings, "Production", keptLines: 200);
        await app.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        using var api = new ApiClient(app.BaseUrl);
        await api.RegisterAndLoginAsync("sync-bench@example.test");
        var warmUp = await api.CreateAgentAsync("Warm-up", WarmUpKey, null);
        var agent = await api.CreateAgentAsync("Bench", Key, null);
        for (var i = 0; i < budgets; i++)
        {
            await api.CreateBudgetAsync(agent, $"Budget {i}", Periods[i % Periods.Length], Zones[i % Zones.Length], 10m * (i + 1) * (i + 1));
        }

        Console.WriteLine("Warming the app up with a small sync…");
        await api.SyncAsync(warmUp, from, to);

        Console.WriteLine($"Syncing {calls:N0} calls through POST /api/vapi/sync…");
        var tracer = await Tracer.StartAsync(args.Trace, app.Id);
        var cpuBefore = app.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var run = await api.SyncAsync(agent, from, to);
        clock.Stop();
        if (tracer is not null)
        {
            await tracer.DisposeAsync();
        }

        var cpu = app.TotalProcessorTime - cpuBefore;
        var fetched = run.GetProperty("fetched").GetInt32();
        var created = run.GetProperty("created").GetInt32();
        var status = run.GetProperty("status").GetString();
        if (status != "succeeded" || fetched != calls || created != calls)
        {
            throw new InvalidOperationException($"The sync did not store every call: {run}");
        }

        var alerts = await api.CountAlertsAsync();
        var callsPerSecond = calls / clock.Elapsed.TotalSeconds;
        return new Figures("sync", args.Provider)
            .Add("calls", calls)
            .Add("callsPerSecond", callsPerSecond, "≥ 5,000")
            .Add("fetchParseOnlyCallsPerSecond", reference)
            .Add("ratio", callsPerSecond / reference, "≥ 0.5")
            .Add("peakWorkingSetMb", app.PeakWorkingSetMb, "≤ 300")
            .Add("syncSeconds", clock.Elapsed.TotalSeconds)
            .Add("appCpuSeconds", cpu.TotalSeconds)
            .Add("budgets", budgets)
            .Add("alertsRaised", alerts)
            .Note("setup", "app in its own process (Production); simulator in the harness process")
            .Note("settings", string.Join(' ', args.Settings().Select(s => $"{s.Key}={s.Value}")));
    }

    /// <summary>
    /// The same windows through the product's <see cref="IVapiClient"/> and <see cref="VapiCallPager"/>, storing nothing:
    /// one warm-up read of the small organisation, then the measured read.
    /// </summary>
    private static async Task<double> FetchParseOnlyAsync(string baseUrl, TimeWindow window, int expected)
    {
        await using var services = ProductServices.VapiClient(baseUrl);
        var pager = new VapiCallPager(services.GetRequiredService<IVapiClient>(), new SyncOptions());
        await ReadAllAsync(pager, WarmUpKey, window);

        Console.WriteLine($"Fetching and parsing {expected:N0} calls (nothing stored)…");
        var clock = Stopwatch.StartNew();
        var seen = await ReadAllAsync(pager, Key, window);
        clock.Stop();
        if (seen != expected)
        {
            throw new InvalidOperationException($"Fetch-and-parse saw {seen} calls, not {expected}.");
        }

        return seen / clock.Elapsed.TotalSeconds;
    }

    private static async Task<int> ReadAllAsync(VapiCallPager pager, string key, TimeWindow window)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var found in pager.ReadAsync(new SecretValue(key), window, null, CancellationToken.None))
        {
            if (found is PageRead read)
            {
                foreach (var call in read.Page.Calls)
                {
                    ids.Add(call.Id);
                }
            }
        }

        return ids.Count;
    }

    /// <summary><c>--budgets N</c> among the scenario's own arguments: 0 measures the same sync with no budget to evaluate.</summary>
    private static int? BudgetsAsked(string[] rest)
    {
        var at = Array.IndexOf(rest, "--budgets");
        return at >= 0 && at + 1 < rest.Length ? int.Parse(rest[at + 1], System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
