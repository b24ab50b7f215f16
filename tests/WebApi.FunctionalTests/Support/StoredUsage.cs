using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SuccessOutcome = VapiAgents.Domain.Usage.SuccessOutcome;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Usage;
using VapiAgents.Infrastructure.Usage.Schema;
using VapiAgents.VapiSimulator.Truth;

namespace VapiAgents.WebApi.FunctionalTests.Support;

/// <summary>What an agent's rows add up to, read straight from the database, to compare with the simulator's truth.</summary>
public sealed record StoredTotals(
    int Calls, decimal Cost, decimal DurationSeconds, decimal Transport, decimal Stt, decimal Llm, decimal Tts, decimal Vapi, decimal Analysis,
    long LlmPromptTokens, long LlmCompletionTokens, long TtsCharacters, int Passed, int Failed, int Unknown,
    IReadOnlyDictionary<DateOnly, (int Calls, decimal Cost)> ByDay, IReadOnlyDictionary<string, (int Calls, decimal Cost)> ByEndedReason)
{
    public static async Task<StoredTotals> ReadAsync(TestApp app, Guid agentId, DateTime? from = null, DateTime? to = null)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var query = db.CallUsages.AsNoTracking().Where(u => u.AgentId == agentId);
        if (from is { } start)
        {
            query = query.Where(u => u.CreatedAt >= start);
        }

        if (to is { } end)
        {
            query = query.Where(u => u.CreatedAt < end);
        }

        var rows = await query.ToListAsync();
        return new StoredTotals(
            rows.Count, rows.Sum(r => r.Cost), rows.Sum(r => r.DurationMs) / 1000m,
            rows.Sum(r => r.CostTransport), rows.Sum(r => r.CostStt), rows.Sum(r => r.CostLlm), rows.Sum(r => r.CostTts),
            rows.Sum(r => r.CostVapi), rows.Sum(r => r.CostAnalysis),
            rows.Sum(r => r.LlmPromptTokens), rows.Sum(r => r.LlmCompletionTokens), rows.Sum(r => r.TtsCharacters),
            rows.Count(r => r.SuccessOutcome == SuccessOutcome.Passed), rows.Count(r => r.SuccessOutcome == SuccessOutcome.Failed),
            rows.Count(r => r.SuccessOutcome == SuccessOutcome.Unknown),
            rows.GroupBy(r => DateOnly.FromDateTime(r.CreatedAt)).ToDictionary(g => g.Key, g => (g.Count(), g.Sum(r => r.Cost))),
            rows.GroupBy(r => r.EndedReason ?? "").ToDictionary(g => g.Key, g => (g.Count(), g.Sum(r => r.Cost))));
    }

    /// <summary>Every field the simulator's ground truth has, equal to the cent and beyond.</summary>
    public void ShouldEqual(CallTruth truth)
    {
        Calls.Should().Be(truth.Calls);
        Cost.Should().Be(truth.Cost);
        DurationSeconds.Should().Be(truth.DurationSeconds);
        (Transport, Stt, Llm, Tts, Vapi, Analysis).Should().Be((
            truth.CostBreakdown.Transport, truth.CostBreakdown.Stt, truth.CostBreakdown.Llm,
            truth.CostBreakdown.Tts, truth.CostBreakdown.Vapi, truth.CostBreakdown.Analysis));
        (LlmPromptTokens, LlmCompletionTokens, TtsCharacters).Should().Be((truth.LlmPromptTokens, truth.LlmCompletionTokens, truth.TtsCharacters));
        (Passed, Failed, Unknown).Should().Be((truth.SuccessEvaluation.Passed, truth.SuccessEvaluation.Failed, truth.SuccessEvaluation.Unknown));
        ByDay.Should().BeEquivalentTo(truth.ByDay.ToDictionary(d => d.Date, d => (d.Calls, d.Cost)));
        ByEndedReason.Should().BeEquivalentTo(truth.ByEndedReason.ToDictionary(r => r.EndedReason ?? "", r => (r.Calls, r.Cost)));
    }

    /// <summary>The invariant the metrics stand on: for every agent set, hourly and daily rollups equal its call rows; the user has an every-agent set.</summary>
    public static async Task ShouldMatchRollupsAsync(TestApp app, string userId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var sets = await db.AgentSets.AsNoTracking().Where(s => s.UserId == userId).ToListAsync();
        var rows = await db.CallUsages.AsNoTracking().Where(u => u.UserId == userId).ToListAsync();
        var calls = rows.GroupBy(r => r.CallId).Select(g => (Facts: g.First(), Set: AgentSet.Key(g.Select(r => r.AgentId)))).ToList();
        var rollups = await db.UsageRollups.AsNoTracking().Where(r => r.UserId == userId).ToListAsync();
        sets.Should().ContainSingle(s => s.IsEveryAgent);

        foreach (var set in sets)
        {
            // The every-agent set holds every call of the user (ADR 031).
            var members = calls.Where(c => set.IsEveryAgent || c.Set == set.Members).Select(c => c.Facts).ToList();
            foreach (var granularity in new[] { RollupGranularity.Hour, RollupGranularity.Day })
            {
                var mine = rollups.Where(r => r.AgentSetId == set.Id && r.Granularity == granularity).ToList();
                mine.Sum(r => r.Calls).Should().Be(members.Count, $"set {set.Id} {granularity}");
                mine.Sum(r => r.CostUnits).Should().Be(members.Sum(m => Money.ToUnits(m.Cost)));
                mine.Sum(r => r.DurationMs).Should().Be(members.Sum(m => m.DurationMs));
                mine.Sum(r => r.OtherUnits).Should().Be(members.Sum(m => Money.ToUnits(m.CostOther)));
                var breakdown = new Dictionary<BreakdownBlob.Key, (long Calls, long Cost)>();
                foreach (var rollup in mine)
                {
                    BreakdownBlob.AddTo(breakdown, rollup.Breakdown);
                }

                breakdown.Where(b => b.Key.Dimension == BreakdownDimension.Status).Sum(b => b.Value.Calls).Should().Be(members.Count);
                breakdown.Where(b => b.Key.Dimension == BreakdownDimension.EndedReason).Sum(b => b.Value.Cost)
                    .Should().Be(members.Sum(m => Money.ToUnits(m.Cost)));
            }
        }
    }
}
