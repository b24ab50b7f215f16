using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Metrics;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Usage.Read;
using VapiAgents.Infrastructure.Usage.Schema;
using VapiAgents.UsageOracle;
using Xunit.Abstractions;

namespace VapiAgents.Infrastructure.IntegrationTests.Metrics;

/// <summary>
/// Every field of the rollup reader equals the plain GROUP BY over call rows, for random selections of agents
/// (overlapping ones included), random ranges and zones with DST changes and :30/:45 offsets.
/// </summary>
public abstract class MetricsOracleTests(UsageDataFixture data, ITestOutputHelper output)
{
    private static readonly string[] Zones =
    [
        "UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe",
        "Pacific/Chatham", "America/St_Johns", "Pacific/Kiritimati", "Pacific/Pago_Pago",
    ];

    [SkippableFact]
    public async Task RollupReader_EqualsTheCallRowReader_ForRandomQuestions()
    {
        data.RequireDatabase();
        var random = new Random(99);
        for (var question = 0; question < 40; question++)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(Zones[question % Zones.Length]);
            var first = DateOnly.FromDateTime(UsageDataFixture.From).AddDays(random.Next(-3, 50));
            var range = new DayRange(first, first.AddDays(random.Next(0, 40)), zone);
            var agents = data.Agents.Where(_ => random.Next(2) == 0).DefaultIfEmpty(data.WholeOrg).ToList();

            await using var scope = data.Services.CreateAsyncScope();
            var fast = await scope.ServiceProvider.GetRequiredService<IUsageReader>().ReadAsync(UsageDataFixture.UserId, agents, range, default);
            var reference = await scope.ServiceProvider.GetRequiredService<CallRowUsageReader>().ReadAsync(UsageDataFixture.UserId, agents, range, default);
            var fastBrief = await scope.ServiceProvider.GetRequiredService<IUsageReader>().ReadBriefAsync(UsageDataFixture.UserId, agents, range, default);

            var because = $"question {question}: {agents.Count} agents, {range.First}..{range.Last} in {zone.Id}";
            fast.Totals.Values.Should().Equal(reference.Totals.Values, because);
            fast.Daily.Should().Equal(reference.Daily, because);
            fast.DurationHistogram.Should().Equal(reference.DurationHistogram, because);
            fast.ByAgent.Should().BeEquivalentTo(reference.ByAgent, because);
            Sorted(fast.ByEndedReason).Should().Equal(Sorted(reference.ByEndedReason), because);
            Sorted(fast.ByType).Should().Equal(Sorted(reference.ByType), because);
            Sorted(fast.ByStatus).Should().Equal(Sorted(reference.ByStatus), because);
            fastBrief.Should().Be(UsageBrief.Of(reference.Totals), because);
            if (reference.Totals[UsageMeasures.Calls] > 0 && question == 0)
            {
                reference.Totals[UsageMeasures.Revenue].Should().BePositive("every agent has a price, so the oracle compares revenue too");
            }
            if (question == 0)
            {
                output.WriteLine($"{because}: {reference.Totals[UsageMeasures.Calls]} calls");
            }
        }
    }

    [SkippableFact]
    public async Task EveryAgentSelected_IsAnsweredByTheEveryAgentSet_AndEqualsTheCallRowReader()
    {
        data.RequireDatabase();
        (await SelectionAsync(data.Agents)).EveryAgent.Should().NotBeNull("every set of the user holds a selected agent");

        foreach (var zone in new[] { "America/New_York", "Asia/Kathmandu", "Pacific/Chatham" })
        {
            await ShouldEqualTheCallRowReaderAsync(data.Agents, new DayRange(new DateOnly(2026, 2, 25), new DateOnly(2026, 4, 10), TimeZoneInfo.FindSystemTimeZoneById(zone)));
        }
    }

    [SkippableFact]
    public async Task ASelectionLeavingOutAnAgentsOwnCalls_AddsUpItsSets_AndEqualsTheCallRowReader()
    {
        data.RequireDatabase();
        var agents = data.Agents.Where(a => a != data.OtherOrg).ToList();
        (await SelectionAsync(agents)).EveryAgent.Should().BeNull("the other organisation's calls are held by no selected agent");

        await ShouldEqualTheCallRowReaderAsync(agents, new DayRange(new DateOnly(2026, 2, 25), new DateOnly(2026, 4, 10), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")));
    }

    [SkippableFact]
    public async Task AUserWhoseRollupsPredateTheEveryAgentSet_GetsItAtStartUp_WithTheSameAnswers()
    {
        data.RequireDatabase();
        var range = new DayRange(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        await using (var scope = data.Services.CreateAsyncScope())
        {
            // As a database upgraded from before ADR 031 looks: no every-agent set, no rows of it.
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var whole = await db.AgentSets.SingleAsync(s => s.UserId == UsageDataFixture.UserId && s.Members == AgentSet.EveryAgent);
            await db.UsageRollups.Where(r => r.AgentSetId == whole.Id).ExecuteDeleteAsync();
            await db.AgentSets.Where(s => s.Id == whole.Id).ExecuteDeleteAsync();
        }

        (await SelectionAsync(data.Agents)).EveryAgent.Should().BeNull("the readers add up the sets until the rebuild");
        await ShouldEqualTheCallRowReaderAsync(data.Agents, range);

        // What a start-up does (Database:MigrateOnStartup is on by default): migrations, then the backfill.
        await data.Services.InitialiseDatabaseAsync();

        (await SelectionAsync(data.Agents)).EveryAgent.Should().NotBeNull();
        await ShouldEqualTheCallRowReaderAsync(data.Agents, range);
    }

    private async Task<SelectedAgentSets> SelectionAsync(IReadOnlyCollection<Guid> agents)
    {
        await using var scope = data.Services.CreateAsyncScope();
        return await SelectedAgentSets.ReadAsync(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>(), UsageDataFixture.UserId, agents, default);
    }

    private async Task ShouldEqualTheCallRowReaderAsync(IReadOnlyCollection<Guid> agents, DayRange range)
    {
        await using var scope = data.Services.CreateAsyncScope();
        var fast = await scope.ServiceProvider.GetRequiredService<IUsageReader>().ReadAsync(UsageDataFixture.UserId, agents, range, default);
        var reference = await scope.ServiceProvider.GetRequiredService<CallRowUsageReader>().ReadAsync(UsageDataFixture.UserId, agents, range, default);
        var brief = await scope.ServiceProvider.GetRequiredService<IUsageReader>().ReadBriefAsync(UsageDataFixture.UserId, agents, range, default);

        var because = $"{agents.Count} agents, {range.First}..{range.Last} in {range.Zone.Id}";
        reference.Totals[UsageMeasures.Calls].Should().BePositive(because);
        fast.Totals.Values.Should().Equal(reference.Totals.Values, because);
        fast.Daily.Should().Equal(reference.Daily, because);
        fast.DurationHistogram.Should().Equal(reference.DurationHistogram, because);
        fast.ByAgent.Should().BeEquivalentTo(reference.ByAgent, because);
        Sorted(fast.ByEndedReason).Should().Equal(Sorted(reference.ByEndedReason), because);
        Sorted(fast.ByType).Should().Equal(Sorted(reference.ByType), because);
        Sorted(fast.ByStatus).Should().Equal(Sorted(reference.ByStatus), because);
        brief.Should().Be(UsageBrief.Of(reference.Totals), because);
    }

    [SkippableFact]
    public async Task SharedCalls_CountOnceInTotals_ButInEachAgentsOwnView()
    {
        data.RequireDatabase();
        var range = new DayRange(DateOnly.FromDateTime(UsageDataFixture.From), DateOnly.FromDateTime(UsageDataFixture.To).AddDays(-1), TimeZoneInfo.Utc);
        await using var scope = data.Services.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<IUsageReader>();

        var both = await reader.ReadAsync(UsageDataFixture.UserId, [data.WholeOrg, data.AssistantOne], range, default);
        var whole = await reader.ReadAsync(UsageDataFixture.UserId, [data.WholeOrg], range, default);

        both.Totals[UsageMeasures.Calls].Should().Be(whole.Totals[UsageMeasures.Calls], "every call of assistant one is also a call of the whole organisation");
        both.ByAgent[data.AssistantOne].Calls.Should().BeGreaterThan(0);
        (both.ByAgent[data.WholeOrg].Calls + both.ByAgent[data.AssistantOne].Calls).Should().BeGreaterThan(both.Totals[UsageMeasures.Calls]);
    }

    [SkippableFact]
    public async Task ADayIsMidnightToMidnightInTheZone()
    {
        data.RequireDatabase();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        // 8 March 2026: clocks go forward, the day has 23 hours.
        var dstDay = new DateOnly(2026, 3, 8);
        await using var scope = data.Services.CreateAsyncScope();
        var fast = await scope.ServiceProvider.GetRequiredService<IUsageReader>().ReadAsync(UsageDataFixture.UserId, data.Agents, new DayRange(dstDay, dstDay, zone), default);
        var wider = await scope.ServiceProvider.GetRequiredService<CallRowUsageReader>()
            .ReadAsync(UsageDataFixture.UserId, data.Agents, new DayRange(dstDay.AddDays(-1), dstDay.AddDays(1), zone), default);

        fast.Daily.Should().ContainSingle().Which.Usage.Should().Be(wider.Daily[1].Usage);
        (RollupUsageReader.DayBounds(new DayRange(dstDay, dstDay, zone)) is [var start, var end] && end - start == 23 * 3_600_000L).Should().BeTrue();
    }

    private static List<string> Sorted(IEnumerable<BreakdownEntry> entries) =>
        entries.Where(e => e.Calls != 0 || e.Cost != 0).Select(e => $"{e.Key}|{e.Calls}|{e.Cost}").Order(StringComparer.Ordinal).ToList();
}

public sealed class SqliteMetricsOracleTests(SqliteUsageDataFixture data, ITestOutputHelper output)
    : MetricsOracleTests(data, output), IClassFixture<SqliteUsageDataFixture>;

public sealed class PostgreSqlMetricsOracleTests(PostgreSqlUsageDataFixture data, ITestOutputHelper output)
    : MetricsOracleTests(data, output), IClassFixture<PostgreSqlUsageDataFixture>;

public abstract class RollupRebuildTests(UsageDataFixture data)
{
    [SkippableFact]
    public async Task Rebuild_FromCallRows_GivesTheSameRollupsTheSyncMaintained()
    {
        data.RequireDatabase();
        var before = await SnapshotAsync();

        await using (var scope = data.Services.CreateAsyncScope())
        {
            var (calls, rollups) = await scope.ServiceProvider.GetRequiredService<VapiAgents.Application.Metrics.Commands.RebuildRollups.IRollupRebuilder>()
                .RebuildAsync(UsageDataFixture.UserId, default);
            calls.Should().BeGreaterThan(2000);
            rollups.Should().Be(before.Count);
        }

        (await SnapshotAsync()).Should().Equal(before);
    }

    private async Task<List<string>> SnapshotAsync()
    {
        await using var scope = data.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VapiAgents.Infrastructure.Persistence.ApplicationDbContext>();
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.UsageRollups);
        return rows.Select(r => $"{r.AgentSetId}|{r.Granularity}|{r.BucketStartMs}|{r.Calls}|{r.DurationMs}|{r.CostUnits}|{r.OtherUnits}|{r.Passed}|{Convert.ToBase64String(r.Breakdown)}")
            .Order(StringComparer.Ordinal).ToList();
    }
}

public sealed class SqliteRollupRebuildTests(SqliteUsageDataFixture data) : RollupRebuildTests(data), IClassFixture<SqliteUsageDataFixture>;

public sealed class PostgreSqlRollupRebuildTests(PostgreSqlUsageDataFixture data) : RollupRebuildTests(data), IClassFixture<PostgreSqlUsageDataFixture>;
