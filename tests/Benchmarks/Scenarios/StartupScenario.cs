using System.Diagnostics;
using VapiAgents.Benchmarks.Harness;
using VapiAgents.TestSupport;

namespace VapiAgents.Benchmarks.Scenarios;

/// <summary>
/// From starting <c>dotnet VapiAgents.WebApi.dll</c> on an empty data folder (Development: the encryption key is
/// generated, the SQLite file created; on PostgreSQL an empty database) to the first 200 from <c>/health/ready</c>
/// (migrations applied). The median of several cold starts, each on a fresh folder and database.
/// </summary>
public static class StartupScenario
{
    public static async Task<Figures> RunAsync(BenchArgs args)
    {
        var runs = args.Runs ?? 5;
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            await using var database = await BenchDatabase.CreateAsync(args.Provider, "startup");
            var settings = args.Provider == BenchProvider.Sqlite
                ? new Dictionary<string, string?> { ["DataFolder"] = database.DataFolder }
                : database.Settings;
            settings["Sync:Enabled"] = "false";
            var clock = Stopwatch.StartNew();
            await using var app = WebApiProcess.Start(settings, "Development", keptLines: 200);
            await app.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
            times.Add(clock.Elapsed.TotalMilliseconds);
            Console.WriteLine($"  start {i + 1}: {clock.Elapsed.TotalMilliseconds:F0} ms");
        }

        return new Figures("startup", args.Provider)
            .Add("startupMs", Stats.Median(times), "≤ 3,000")
            .Add("minMs", times.Min())
            .Add("maxMs", times.Max())
            .Add("runs", runs);
    }
}
