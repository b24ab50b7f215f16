using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using VapiAgents.Application.Sync;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Pricing;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.TestSupport;
using VapiAgents.UsageOracle;

namespace VapiAgents.Infrastructure.IntegrationTests.Metrics;

/// <summary>
/// A user with agents whose views overlap (one sees a whole organisation, two see one assistant each), an
/// inactive and a deleted agent, and calls over two months that cross both DST changes — stored through
/// the real <see cref="IUsageStore"/>, in random batches, with calls that were in progress and finished later,
/// and stale observations arriving after newer ones.
/// </summary>
public abstract class UsageDataFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public static readonly DateTime From = new(2026, 2, 20, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime To = new(2026, 4, 20, 0, 0, 0, DateTimeKind.Utc);
    public const string UserId = "oracle-user";

    private readonly TempFolder _folder = new("oracle");
    private TestDatabase? _postgres;
    private bool _unavailable;

    public ServiceProvider Services { get; private set; } = null!;

    public Guid WholeOrg { get; } = Guid.Parse("10000000-0000-0000-0000-000000000001");
    public Guid AssistantOne { get; } = Guid.Parse("10000000-0000-0000-0000-000000000002");
    public Guid AssistantTwo { get; } = Guid.Parse("10000000-0000-0000-0000-000000000003");
    public Guid OtherOrg { get; } = Guid.Parse("10000000-0000-0000-0000-000000000004");
    public Guid Inactive { get; } = Guid.Parse("10000000-0000-0000-0000-000000000005");
    public Guid Deleted { get; } = Guid.Parse("10000000-0000-0000-0000-000000000006");

    public IReadOnlyList<Guid> Agents => [WholeOrg, AssistantOne, AssistantTwo, OtherOrg, Inactive, Deleted];

    public void RequireDatabase() => Skip.If(_unavailable, PostgresTestServer.HowToStart);

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["DataFolder"] = _folder.Path,
            ["Encryption:Keys:k"] = Convert.ToBase64String(new byte[32]),
        };
        if (provider == DatabaseProvider.PostgreSql)
        {
            try
            {
                _postgres = await PostgresTestServer.CreateDatabaseAsync("oracle");
            }
            catch (SkipException)
            {
                _unavailable = true;
                return;
            }

            settings["Database:Provider"] = "PostgreSql";
            settings["ConnectionStrings:Default"] = _postgres.ConnectionString;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        // As in the app, options sections bind from the registered configuration (the usage keys read Limits).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddInfrastructure(configuration, new TestEnvironment());
        services.AddScoped<CallRowUsageReader>();
        Services = services.BuildServiceProvider();
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            await db.Database.MigrateAsync();
            foreach (var (id, i) in Agents.Select((id, i) => (id, i)))
            {
                db.Agents.Add(VapiAgent.Create(id, UserId, $"Agent {i}", new SealedSecret("k", [1]), "…0000", null, From.AddSeconds(i)));
                // Resale prices (revenue is a rollup measure the oracle checks too): varied increments and minimums,
                // and a second price three weeks in, so a range can straddle a price change.
                var from = DateOnly.FromDateTime(From);
                db.ResalePrices.Add(ResalePrice.ForAgent(Guid.NewGuid(), UserId, id, 0.1m + i * 0.03m, (i % 3) switch { 0 => 1, 1 => 15, _ => 60 }, i % 2 * 30, from, From));
                db.ResalePrices.Add(ResalePrice.ForAgent(Guid.NewGuid(), UserId, id, 0.45m + i * 0.01m, 6, 0, from.AddDays(21), From));
            }

            await db.SaveChangesAsync();
        }

        await StoreCallsAsync();
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            (await db.Agents.SingleAsync(a => a.Id == Inactive)).Deactivate(To);
            (await db.Agents.SingleAsync(a => a.Id == Deleted)).Delete(To);
            await db.SaveChangesAsync();
        }
    }

    private async Task StoreCallsAsync()
    {
        var random = new Random(2026);
        var reasons = new[] { "customer-ended-call", "assistant-ended-call", "silence-timed-out", "voicemail", "customer-did-not-answer", "pipeline-error-openai-llm-failed", "call.in-progress.error-future-xyz" };
        var store = Services.GetRequiredService<IUsageStore>();
        var observations = new List<(Guid Agent, CallFacts Facts)>();
        for (var i = 0; i < 2500; i++)
        {
            var org = random.Next(3) == 0 ? "org2" : "org1";
            var assistant = org == "org1" ? (random.Next(2) == 0 ? "a1" : "a2") : "b1";
            // Some calls on exact minutes (zone midnights fall there), the rest anywhere.
            var created = From.AddMinutes(random.Next((int)(To - From).TotalMinutes)).AddMilliseconds(random.Next(3) == 0 ? 0 : random.Next(60_000));
            var started = random.Next(8) == 0 ? (DateTime?)null : created.AddSeconds(random.Next(1, 30));
            var ended = started?.AddSeconds(random.Next(5, 900));
            var cost = Math.Round((decimal)random.NextDouble() * 2, random.Next(2, 9));
            var final = CallFacts.Create($"call-{i:D5}", org, created, (ended ?? created).AddSeconds(5), assistant,
                random.Next(4) == 0 ? "outboundPhoneCall" : "inboundPhoneCall", "ended", reasons[random.Next(reasons.Length)],
                started, ended, cost, new CostParts(cost / 5, cost / 7, cost / 3, cost / 11, 0.01m, random.Next(3) == 0 ? 0.001m : 0),
                random.Next(20_000), random.Next(500), random.Next(3000), random.Next(3) switch { 0 => "true", 1 => "8/10", _ => null },
                (SuccessOutcome)random.Next(3));
            var seers = org == "org2"
                ? new[] { OtherOrg, Inactive, Deleted }.Where(_ => random.Next(3) > 0).DefaultIfEmpty(OtherOrg)
                : new[] { WholeOrg, assistant == "a1" ? AssistantOne : AssistantTwo };
            foreach (var agent in seers)
            {
                observations.Add((agent, final));
                if (random.Next(10) == 0)
                {
                    // Seen while still in progress, by this agent, before (or after) the final version.
                    observations.Add((agent, final with { UpdatedAt = created.AddSeconds(2), Status = "in-progress", EndedReason = null, Cost = 0, Parts = CostParts.None, EndedAt = null, DurationMs = 0 }));
                }
            }
        }

        foreach (var batch in observations.OrderBy(_ => random.Next()).Chunk(300))
        {
            foreach (var byAgent in batch.GroupBy(o => o.Agent))
            {
                await store.UpsertAsync(byAgent.Key, UserId, byAgent.Select(o => o.Facts).ToList(), To, CancellationToken.None);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (Services is not null)
        {
            await Services.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";
        public string ApplicationName { get; set; } = "VapiAgents.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

public sealed class SqliteUsageDataFixture() : UsageDataFixture(DatabaseProvider.Sqlite);

public sealed class PostgreSqlUsageDataFixture() : UsageDataFixture(DatabaseProvider.PostgreSql);
