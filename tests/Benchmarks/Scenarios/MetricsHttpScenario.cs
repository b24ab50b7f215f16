using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Common.Security;
using VapiAgents.Benchmarks.Harness;
using VapiAgents.Domain.Agents;
using VapiAgents.Infrastructure.Identity;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.TestSupport;

namespace VapiAgents.Benchmarks.Scenarios;

/// <summary>
/// <c>GET /api/vapi/metrics</c> over HTTP on the <c>metrics</c> data set: all 50 agents, the same 30 local days in
/// America/New_York as <see cref="MetricsScenario"/>, against the app in its own process (Production), one request at a
/// time on one keep-alive connection, timed by the client from sending the request to the last byte of the answer.
/// The app runs with nothing that writes usage data (no jobs, no migration), so the cached set stays as it was.
/// </summary>
public static class MetricsHttpScenario
{
    private const int WarmUpRequests = 30;
    private const string Email = "metrics-bench@example.test";

    public static async Task<Figures> RunAsync(BenchArgs args)
    {
        var runs = args.Runs ?? 300;
        await using var database = await MetricsDataset.OpenAsync(args.Provider, args.Calls);
        var userName = await PrepareAsync(database);

        var settings = database.Settings;
        foreach (var (key, value) in ProductServices.EncryptionSettings)
        {
            settings[key] = value;
        }

        // "--set Key=Value" (repeatable) passes a product setting, as in the http scenario; the guards below come after, so
        // none of them can be switched back on.
        foreach (var (key, value) in args.Settings())
        {
            settings[key] = value;
        }

        // Nothing in the app may change the cached set: MetricsDataset.OpenAsync has applied every migration, and with
        // no Hangfire server no sync, alert evaluation or retention purge runs (their schedules are switched off as well,
        // so none is registered in shared job storage on PostgreSQL).
        settings["Database:MigrateOnStartup"] = "false";
        settings["Hangfire:ServerEnabled"] = "false";
        settings["Sync:Enabled"] = "false";
        settings["Alerts:Enabled"] = "false";
        settings["Retention:Enabled"] = "false";
        // 330 metrics requests in well under a minute would meet the per-user limit of the expensive routes (120 a minute).
        settings["RateLimits:ExpensivePerMinute"] = "1000000";

        await using var app = WebApiProcess.Start(settings, "Production", keptLines: 200);
        await app.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        using var api = new ApiClient(app.BaseUrl);
        await api.LoginAsync(userName);

        var connections = 0;
        using var http = new HttpClient(OneConnection(() => Interlocked.Increment(ref connections)))
        {
            BaseAddress = new Uri(app.BaseUrl),
            Timeout = TimeSpan.FromMinutes(2),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.AccessToken);
        // The 30 local days MetricsScenario reads, ending three days before the data set does.
        var last = DateOnly.FromDateTime(MetricsDataset.End).AddDays(-3);
        var url = string.Create(CultureInfo.InvariantCulture, $"/api/vapi/metrics?startDate={last.AddDays(-29):yyyy-MM-dd}&endDate={last:yyyy-MM-dd}&timezone=America/New_York");

        Console.WriteLine($"GET {url}: {WarmUpRequests} warm-up requests, then {runs} timed, one at a time on one connection…");
        var times = new List<double>(runs);
        string? totals = null;
        long calls = 0, bytes = 0;
        for (var i = 0; i < WarmUpRequests + runs; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            clock.Stop();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"Request {i + 1} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
            }

            var metrics = JsonDocument.Parse(body).RootElement.GetProperty("metrics");
            var answerTotals = metrics.GetProperty("totals").GetRawText();
            var agents = metrics.GetProperty("agentIds").GetArrayLength();
            if (agents != MetricsDataset.Agents.Count)
            {
                throw new InvalidOperationException($"Request {i + 1} covered {agents} agents, not {MetricsDataset.Agents.Count}.");
            }

            if (totals is not null && answerTotals != totals)
            {
                throw new InvalidOperationException($"Request {i + 1} answered other totals.\nfirst: {totals}\nnow:   {answerTotals}");
            }

            totals = answerTotals;
            calls = metrics.GetProperty("totals").GetProperty("calls").GetInt64();
            bytes = body.Length;
            if (i >= WarmUpRequests)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        if (connections != 1)
        {
            throw new InvalidOperationException($"The requests used {connections} connections, not one kept alive.");
        }

        return new Figures("metrics-http", args.Provider)
            .Add("calls", calls)
            .Add("runs", runs)
            .Add("p50Ms", Stats.Median(times), "≤ 30")
            .Add("p99Ms", Stats.Percentile(times, 99), "≤ 100")
            .Add("meanMs", times.Average())
            .Add("maxMs", times.Max())
            .Add("answerBytes", bytes)
            .Note("load", $"{WarmUpRequests} warm-ups, then one request at a time on one keep-alive connection; all 50 agents, 30 days in America/New_York; app in its own process (Production)")
            .Note("settings", string.Join(' ', args.Settings().Select(s => $"{s.Key}={s.Value}")));
    }

    /// <summary>
    /// Checks the set's secrets are sealed with the benchmark's encryption key, and gives the data set's user an account
    /// (its Id is <see cref="MetricsDataset.UserId"/>) if it has none; answers the user name to sign in with.
    /// </summary>
    private static async Task<string> PrepareAsync(BenchDatabase database)
    {
        await using var services = ProductServices.Infrastructure(database);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();

        // The app starts with ProductServices' key ring: a secret sealed under another key id could not be opened by it.
        var agents = await db.Agents.AsNoTracking().Where(a => a.UserId == MetricsDataset.UserId).ToListAsync();
        var keyIds = agents.Select(a => a.ApiKey?.KeyId ?? "(none)").Distinct().ToList();
        if (keyIds.Any(id => id != protector.ActiveKeyId))
        {
            throw new InvalidOperationException(
                $"The data set's agent keys are sealed with key id(s) {string.Join(", ", keyIds)}, not the benchmark's '{protector.ActiveKeyId}': generate it again.");
        }

        // Token signing keys left by an earlier run must open with this key ring, or the app could not issue a token.
        foreach (var row in await db.DataProtectionKeys.AsNoTracking().ToListAsync())
        {
            foreach (var sealedKey in XElement.Parse(row.Xml!).Descendants("sealedKey"))
            {
                try
                {
                    protector.Unseal(new SealedSecret((string)sealedKey.Attribute("keyId")!, Convert.FromBase64String(sealedKey.Value)), SecretPurpose.TokenSigningKey, Guid.Empty);
                }
                catch (SecretUnsealException)
                {
                    throw new InvalidOperationException($"The data set's token key {row.FriendlyName} was sealed with another encryption key: generate the set again.");
                }
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByIdAsync(MetricsDataset.UserId) is { } existing)
        {
            return existing.UserName!;
        }

        // As POST /api/auth/register creates an account (user name and e-mail the address; CreateAsync normalises them
        // and validates the password), but with the data set's user id.
        var user = new ApplicationUser { Id = MetricsDataset.UserId, UserName = Email, Email = Email };
        var created = await users.CreateAsync(user, ApiClient.Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Could not create the data set's user: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }

        Console.WriteLine($"Created the account {Email} for the data set's user {MetricsDataset.UserId}.");
        return Email;
    }

    /// <summary>A handler that keeps at most one connection open and counts every connection it opens.</summary>
    private static SocketsHttpHandler OneConnection(Action connected) => new()
    {
        MaxConnectionsPerServer = 1,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectCallback = async (context, cancellationToken) =>
        {
            connected();
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
