using Microsoft.EntityFrameworkCore;
using VapiAgents.Application.Metrics;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.IntegrationTests.Persistence;
using VapiAgents.Infrastructure.Usage.Schema;

namespace VapiAgents.Infrastructure.IntegrationTests.Metrics;

/// <summary>
/// The measures are defined once (<see cref="UsageMeasures"/>): these hold the tables to that list, and show that a call's
/// figures go into a rollup row and come back out of the database measure by measure.
/// </summary>
public abstract class UsageMeasuresTests(DatabaseFixture fixture)
{
    private static readonly CallFacts Call = CallFacts.Create(
        "call-1", "org-1", new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 20, 8, 5, 0, DateTimeKind.Utc),
        startedAt: new DateTime(2026, 11, 20, 8, 0, 1, DateTimeKind.Utc), endedAt: new DateTime(2026, 11, 20, 8, 3, 4, 500, DateTimeKind.Utc),
        cost: 1.5m, parts: new CostParts(0.1m, 0.2m, 0.3m, 0.04m, 0.05m, 0.006m),
        llmPromptTokens: 700, llmCompletionTokens: 80, ttsCharacters: 9, successOutcome: SuccessOutcome.Passed) with
    {
        BillableSeconds = 240,
        Revenue = 2.25m,
    };

    [SkippableFact]
    public void EveryRollupSumColumn_IsAMeasure_AndEveryMeasureHasItsColumns()
    {
        using var db = fixture.NewContext();
        var rollup = db.Model.FindEntityType(typeof(UsageRollup))!;
        var keys = new[] { nameof(UsageRollup.AgentSetId), nameof(UsageRollup.Granularity), nameof(UsageRollup.BucketStartMs) };
        rollup.GetProperties().Where(p => p.ClrType == typeof(long) && !keys.Contains(p.Name)).Select(p => p.Name)
            .Should().BeEquivalentTo(UsageMeasures.All.Select(m => m.RollupColumn), "a rollup column no measure fills would stay 0 for ever");

        var calls = db.Model.FindEntityType(typeof(CallUsage))!;
        foreach (var measure in UsageMeasures.All.Where(m => m.CallColumn is not null))
        {
            var column = calls.FindProperty(measure.CallColumn!);
            column.Should().NotBeNull($"{measure} sums the call column {measure.CallColumn}");
            // Money is summed in units by the database, so its column holds integers.
            (column!.GetTypeMapping().Converter?.ProviderClrType ?? column.ClrType).Should().Be(typeof(long), measure.Name);
        }

        UsageMeasures.All.Select(m => m.Index).Should().Equal(Enumerable.Range(0, UsageMeasures.All.Count));
        UsageMeasures.All.Where(m => m.CallColumn is null).Should().OnlyContain(m => m == UsageMeasures.Calls || m.Outcome != null);
    }

    [SkippableFact]
    public void ACallsFigures_AreEachMeasure_AsHandComputed()
    {
        var sums = new UsageSums();
        sums.Add(Call);
        var expected = new Dictionary<UsageMeasure, long>
        {
            [UsageMeasures.Calls] = 1,
            [UsageMeasures.DurationMs] = 183_500,
            [UsageMeasures.Cost] = 15_000_000_000,
            [UsageMeasures.Transport] = 1_000_000_000,
            [UsageMeasures.Stt] = 2_000_000_000,
            [UsageMeasures.Llm] = 3_000_000_000,
            [UsageMeasures.Tts] = 400_000_000,
            [UsageMeasures.Vapi] = 500_000_000,
            [UsageMeasures.Analysis] = 60_000_000,
            [UsageMeasures.Other] = 15_000_000_000 - 6_960_000_000,
            [UsageMeasures.LlmPromptTokens] = 700,
            [UsageMeasures.LlmCompletionTokens] = 80,
            [UsageMeasures.TtsCharacters] = 9,
            [UsageMeasures.BillableSeconds] = 240,
            [UsageMeasures.Revenue] = 22_500_000_000,
            [UsageMeasures.Passed] = 1,
            [UsageMeasures.Failed] = 0,
            [UsageMeasures.UnknownSuccess] = 0,
        };
        expected.Keys.Should().BeEquivalentTo(UsageMeasures.All, "the hand computation covers every measure");
        UsageMeasures.All.ToDictionary(m => m, m => sums[m]).Should().Equal(expected);

        sums.Add(Call, -1);
        sums.Values.Should().OnlyContain(v => v == 0, "taking a call away undoes adding it");
    }

    [SkippableFact]
    public async Task ARollupRow_StoresEveryMeasure_AndReadsItBack()
    {
        var userId = Guid.NewGuid().ToString();
        var sums = new UsageSums();
        sums.Add(Call);
        sums.Add(Call);
        long setId;
        await using (var db = fixture.NewContext())
        {
            var set = new AgentSet { UserId = userId, Members = Guid.NewGuid().ToString() };
            db.AgentSets.Add(set);
            await db.SaveChangesAsync();
            setId = set.Id;
            var row = new UsageRollup { AgentSetId = setId, Granularity = RollupGranularity.Day, BucketStartMs = 0, UserId = userId };
            row.Add(sums);
            db.UsageRollups.Add(row);
            await db.SaveChangesAsync();
        }

        await using (var db = fixture.NewContext())
        {
            var stored = await db.UsageRollups.AsNoTracking().SingleAsync(r => r.AgentSetId == setId);
            stored.ToSums().Values.Should().Equal(sums.Values);
            stored.CostUnits.Should().Be(30_000_000_000, "the named column holds the cost measure");
        }
    }
}

public sealed class SqliteUsageMeasuresTests(SqliteDatabaseFixture fixture) : UsageMeasuresTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgreSqlUsageMeasuresTests(PostgreSqlDatabaseFixture fixture) : UsageMeasuresTests(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
