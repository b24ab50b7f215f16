using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using VapiAgents.Benchmarks.Harness;
using VapiAgents.TestSupport;

namespace VapiAgents.Benchmarks.Scenarios;

/// <summary>
/// Failed sign-in timings, known e-mail with a wrong password against an unknown e-mail, interleaved on one app
/// process: similar times mean the answer's speed does not tell whether an account exists. Known accounts get at
/// most 4 wrong passwords each, so none is locked out mid-run.
/// </summary>
public static class SigninScenario
{
    private const int Rounds = 120;
    private const int TriesPerAccount = 4;
    private const string Password = "Correct-Horse-9";

    public static async Task<Figures> RunAsync(BenchArgs args)
    {
        await using var database = await BenchDatabase.CreateAsync(args.Provider, "signin");
        var settings = database.Settings;
        foreach (var (key, value) in ProductServices.EncryptionSettings)
        {
            settings[key] = value;
        }

        settings["Sync:Enabled"] = "false";
        settings["RateLimits:SignInPerMinute"] = "1000000";
        await using var app = WebApiProcess.Start(settings, "Production", keptLines: 200);
        await app.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var accounts = new List<string>();
        for (var i = 0; i < Rounds / TriesPerAccount + 1; i++)
        {
            var email = $"known-{i}@example.test";
            (await http.PostAsJsonAsync("/api/auth/register", new { email, password = Password })).EnsureSuccessStatusCode();
            accounts.Add(email);
        }

        // Warm-up: both paths jitted before anything is timed.
        for (var i = 0; i < 10; i++)
        {
            await FailAsync(http, $"warm-{i}@example.test");
        }

        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < Rounds; i++)
        {
            known.Add(await FailAsync(http, accounts[i / TriesPerAccount]));
            unknown.Add(await FailAsync(http, $"nobody-{i}@example.test"));
        }

        known.Sort();
        unknown.Sort();
        return new Figures("signin", args.Provider)
            .Add("knownMedianMs", Median(known))
            .Add("unknownMedianMs", Median(unknown))
            .Add("knownP90Ms", known[(int)(known.Count * 0.9)])
            .Add("unknownP90Ms", unknown[(int)(unknown.Count * 0.9)])
            .Add("medianRatio", Median(unknown) / Median(known), "0.8–1.25")
            .Note("load", $"{Rounds} interleaved pairs of failed POST /api/auth/login, one at a time, app in its own process (Production)");
    }

    private static async Task<double> FailAsync(HttpClient http, string email)
    {
        var watch = Stopwatch.StartNew();
        var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password = "Wrong-pass-1" });
        watch.Stop();
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            throw new InvalidOperationException($"Expected 401 for {email}, got {(int)response.StatusCode}.");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> sorted) => sorted[sorted.Count / 2];
}
