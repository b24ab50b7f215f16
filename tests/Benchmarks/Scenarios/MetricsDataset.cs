using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Metrics.Commands.RebuildRollups;
using VapiAgents.Application.Sync;
using VapiAgents.Benchmarks.Harness;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Pricing;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Usage.Schema;

namespace VapiAgents.Benchmarks.Scenarios;

/// <summary>
/// The metrics data set: 1,000,000 calls of one user's 50 agents over 90 days, stored through the real
/// <see cref="IUsageStore"/> (so the rollups are the ones a sync builds), cached under artifacts/bench by version.
/// Ten organisations of five agents: four see one assistant each, the fifth the whole organisation, so about
/// a tenth of the calls are held by two agents. Every agent has a resale price (rates, increments and minimums
/// vary), set before the calls are stored, so revenue is in every call row and rollup. Ended reasons follow a Zipf-like law over a dozen common values
/// and a long tail; types and statuses are skewed the same way; traffic is busier by day than by night.
/// </summary>
public static class MetricsDataset
{
    /// <summary>Bump when the data or the schema of a stored set changes: a new version is generated afresh.</summary>
    public const string Version = "metrics-v3-priced";

    public const string UserId = "bench-metrics-user";
    public const int Calls = 1_000_000;
    public const int Days = 90;
    public const int BatchSize = 5_000;
    public static readonly DateTime End = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private const int Orgs = 10;
    private const int AgentsPerOrg = 5;
    private const double SharedShare = 0.1;

    private static readonly string[] CommonReasons =
    [
        "customer-ended-call", "assistant-ended-call", "silence-timed-out", "voicemail", "customer-did-not-answer",
        "customer-busy", "assistant-said-end-call-phrase", "exceeded-max-duration", "assistant-forwarded-call",
        "pipeline-error-openai-llm-failed", "twilio-failed-to-connect-call", "assistant-not-found",
    ];

    private static readonly (string Value, double Weight)[] Types = [("inboundPhoneCall", 60), ("outboundPhoneCall", 32), ("webCall", 8)];
    private static readonly (string Value, double Weight)[] Statuses = [("ended", 97), ("in-progress", 1.5), ("queued", 1), ("forwarding", 0.5)];

    public static IReadOnlyList<Guid> Agents { get; } =
        Enumerable.Range(1, Orgs * AgentsPerOrg).Select(i => Guid.Parse($"00000000-0000-0000-0000-{i:D12}")).ToList();

    /// <summary>
    /// The cached data set, generated first if missing (minutes, once per provider and version). <paramref name="calls"/>
    /// other than the default 1 M (<c>--calls</c>, for a machine where generating 1 M takes too long) is a set of its own.
    /// </summary>
    public static async Task<BenchDatabase> OpenAsync(BenchProvider provider, int? calls = null)
    {
        var count = calls ?? Calls;
        var version = count == Calls ? Version : $"{Version}-{count}";
        if (await BenchDatabase.OpenCachedAsync(provider, RepositoryPaths.Cache, version) is { } cached)
        {
            Console.WriteLine($"Using the cached data set {version} ({provider}); applying any newer migration…");
            // Migrations that only add (a column with its default, an index) keep a cached set valid and take seconds, where
            // generating it again takes minutes; a change that alters what the stored data means bumps Version instead.
            await using (var services = ProductServices.Infrastructure(cached))
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
                await db.Database.MigrateAsync();
                // A set stored before the every-agent set (ADR 031) gets it the way a deployment does: by a rebuild.
                if (!await db.AgentSets.AnyAsync(s => s.UserId == UserId && s.Members == AgentSet.EveryAgent))
                {
                    var rebuild = Stopwatch.StartNew();
                    var (rebuilt, rollups) = await scope.ServiceProvider.GetRequiredService<IRollupRebuilder>().RebuildAsync(UserId, CancellationToken.None);
                    Console.WriteLine($"Rebuilt the rollups for the every-agent set: {rebuilt:N0} calls, {rollups:N0} rollups in {rebuild.Elapsed.TotalSeconds:F0} s");
                }
            }

            return cached;
        }

        Console.WriteLine($"Generating {count:N0} calls through IUsageStore (cached afterwards under {RepositoryPaths.Cache})…");
        var clock = Stopwatch.StartNew();
        await using var fresh = await BenchDatabase.CreateAsync(provider, "metrics");
        await using (var services = ProductServices.Infrastructure(fresh))
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
                await db.Database.MigrateAsync();
                foreach (var (id, i) in Agents.Select((id, i) => (id, i)))
                {
                    db.Agents.Add(VapiAgent.Create(id, UserId, $"Agent {i + 1}", new SealedSecret("bench", [1]), "…0000", null, End.AddDays(-Days - 1).AddSeconds(i)));
                    db.ResalePrices.Add(PriceOf(id, i));
                }

                await db.SaveChangesAsync();
            }

            var store = services.GetRequiredService<IUsageStore>();
            var stored = 0;
            foreach (var (agent, held) in Holdings(count))
            {
                foreach (var batch in held.Chunk(BatchSize))
                {
                    await store.UpsertAsync(agent, UserId, batch, End, CancellationToken.None);
                    stored += batch.Length;
                }

                Console.Write($"\r  {stored:N0} call rows stored, {clock.Elapsed.TotalSeconds:F0} s");
            }

            Console.WriteLine();
        }

        return await fresh.KeepAsAsync(RepositoryPaths.Cache, version);
    }

    /// <summary>Agent i's price from before the first call: 0.10–0.59 $/min, increments of 1, 15 or 60 s, minimums of 0 or 30 s.</summary>
    public static ResalePrice PriceOf(Guid agent, int i, decimal extra = 0) => ResalePrice.ForAgent(
        Guid.CreateVersion7(), UserId, agent, 0.10m + i * 0.01m + extra, (i % 3) switch { 0 => 1, 1 => 15, _ => 60 }, i % 2 * 30,
        DateOnly.FromDateTime(End.AddDays(-Days - 1)), End);

    /// <summary>Each agent with the calls it holds, oldest first; organisation-wide agents last, so their shared calls join sets.</summary>
    private static IEnumerable<(Guid Agent, List<CallFacts> Calls)> Holdings(int count)
    {
        var random = new Random(90);
        var reasons = CommonReasons.Concat(Enumerable.Range(1, 150).Select(i => $"pipeline-error-provider-{i}-failed")).ToArray();
        var reasonWeights = reasons.Select((_, rank) => 1.0 / Math.Pow(rank + 1, 1.3)).ToArray();
        var orgWeights = Enumerable.Range(0, Orgs).Select(rank => 1.0 / (rank + 1)).ToArray();
        var held = Agents.ToDictionary(a => a, _ => new List<CallFacts>());
        var start = End.AddDays(-Days);
        for (var i = 0; i < count; i++)
        {
            var org = Pick(random, orgWeights);
            var assistant = random.Next(1, AgentsPerOrg);
            var created = start.AddMilliseconds(BusyInstant(random));
            var status = Pick(random, Statuses);
            var ended = status == "ended";
            var answered = ended && random.NextDouble() > 0.08;
            var started = answered ? created.AddSeconds(random.Next(1, 20)) : (DateTime?)null;
            var endedAt = started?.AddSeconds(random.Next(5, 900));
            var cost = answered ? Math.Round((decimal)random.NextDouble() * 1.5m, random.Next(2, 9)) : 0m;
            var parts = cost == 0 ? CostParts.None : new CostParts(cost / 10, cost / 5, cost / 2, cost / 10, cost / 10, 0);
            var evaluation = random.Next(4) switch { 0 => "true", 1 => "false", 2 => "8/10", _ => null };
            var facts = CallFacts.Create(
                $"call-{i:D7}", $"org-{org}", created, (endedAt ?? created).AddSeconds(3), $"assistant-{org}-{assistant}",
                Pick(random, Types), status, ended ? reasons[Pick(random, reasonWeights)] : null, started, endedAt, cost, parts,
                random.Next(5_000), random.Next(800), random.Next(3_000), evaluation,
                evaluation switch { "true" => SuccessOutcome.Passed, "false" => SuccessOutcome.Failed, "8/10" => SuccessOutcome.Passed, _ => SuccessOutcome.Unknown });
            held[Agents[org * AgentsPerOrg + assistant]].Add(facts);
            if (random.NextDouble() < SharedShare)
            {
                held[Agents[org * AgentsPerOrg]].Add(facts);
            }
        }

        return held.OrderBy(h => Agents.ToList().IndexOf(h.Key) % AgentsPerOrg == 0)
            .Select(h => (h.Key, h.Value.OrderBy(c => c.CreatedAt).ToList()));
    }

    /// <summary>Milliseconds into the 90 days, twice as likely in business hours (UTC 13–23) as at night.</summary>
    private static double BusyInstant(Random random)
    {
        while (true)
        {
            var ms = random.NextDouble() * Days * 86_400_000d;
            var hour = ms / 3_600_000 % 24;
            if (hour is >= 13 and < 23 || random.NextDouble() < 0.5)
            {
                return Math.Floor(ms);
            }
        }
    }

    private static string Pick(Random random, (string Value, double Weight)[] choices) =>
        choices[Pick(random, choices.Select(c => c.Weight).ToArray())].Value;

    private static int Pick(Random random, double[] weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
