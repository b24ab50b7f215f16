using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Common.Vapi;
using VapiAgents.Application.Sync;
using VapiAgents.Application.Sync.Paging;
using VapiAgents.Benchmarks.Harness;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.VapiSimulator;
using VapiAgents.VapiSimulator.Scenario;

namespace VapiAgents.Benchmarks.Scenarios;

/// <summary>
/// A diagnostic beside <c>sync</c>: the same pages, fetched and parsed beforehand, stored one transaction
/// each through <see cref="IUsageStore"/> in the harness's process — the store's own speed, with nothing else
/// competing for the cores.
/// </summary>
public static class StoreScenario
{
    private const string Key = "bench-store-key";
    private const string UserId = "bench-store-user";

    public static async Task<Figures> RunAsync(BenchArgs args)
    {
        var calls = args.Calls ?? 100_000;
        var anchor = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var pages = new List<IReadOnlyList<CallFacts>>();
        await using (var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Scenario = new ScenarioSpec { Seed = 8, Anchor = anchor, Orgs = [new OrgSpec { Keys = [Key], Assistants = 3, Calls = calls, Days = 10 }] },
        }))
        await using (var client = ProductServices.VapiClient(simulator.BaseUrl))
        {
            var pager = new VapiCallPager(client.GetRequiredService<IVapiClient>(), new SyncOptions());
            var window = new TimeWindow(CallTimeField.CreatedAt, anchor.UtcDateTime.AddDays(-11), anchor.UtcDateTime.AddMilliseconds(1));
            await foreach (var found in pager.ReadAsync(new SecretValue(Key), window, null, CancellationToken.None))
            {
                if (found is PageRead read)
                {
                    pages.Add(read.Page.Calls);
                }
            }
        }

        await using var database = await BenchDatabase.CreateAsync(args.Provider, "store");
        await using var services = ProductServices.Infrastructure(database);
        var agentId = Guid.NewGuid();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            await db.Database.MigrateAsync();
            db.Agents.Add(VapiAgent.Create(agentId, UserId, "Store", new SealedSecret("bench", [1]), "…0000", null, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var store = services.GetRequiredService<IUsageStore>();
        var clock = Stopwatch.StartNew();
        var created = 0;
        foreach (var page in pages)
        {
            created += (await store.UpsertAsync(agentId, UserId, page, DateTime.UtcNow, CancellationToken.None)).Created;
        }

        clock.Stop();
        return new Figures("store", args.Provider)
            .Add("calls", created)
            .Add("pages", pages.Count)
            .Add("storeCallsPerSecond", created / clock.Elapsed.TotalSeconds)
            .Add("msPerPage", clock.Elapsed.TotalMilliseconds / pages.Count);
    }
}
