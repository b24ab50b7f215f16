using System.Text.Json;
using VapiAgents.VapiSimulator.Tests.Support;
using VapiAgents.VapiSimulator.Truth;

namespace VapiAgents.VapiSimulator.Tests;

public sealed class TruthTests(StandardSimulator simulator) : IClassFixture<StandardSimulator>
{
    private static readonly string[] LiveStatuses = ["scheduled", "queued", "ringing", "in-progress", "forwarding"];

    private SimulatorServer Server => simulator.Server;

    [Theory]
    [InlineData(Scenarios.KeyA1, false, false)]
    [InlineData(Scenarios.KeyB, false, false)]
    [InlineData(Scenarios.KeyA2, true, false)]
    [InlineData(Scenarios.KeyA1, true, true)]
    public async Task Truth_equals_the_sums_over_all_calls_the_key_sees(string key, bool oneAssistant, bool window)
    {
        using var control = Server.Client();
        var assistantId = oneAssistant ? Server.Scenario.OrgOfKey(key).Assistants[0].Id : null;
        var (from, to) = window ? (Scenarios.Anchor.AddDays(-4), Scenarios.Anchor.AddDays(-1)) : (DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var query = $"key={key}" + (assistantId is null ? "" : $"&assistantId={assistantId}") + (window ? $"&from={from.Iso()}&to={to.Iso()}" : "");

        var calls = (await control.GetArrayAsync($"/__sim/calls?{query}"))
            .Where(call => call.Instant("createdAt") >= from && call.Instant("createdAt") < to)
            .ToList();
        var truth = await control.GetNodeAsync($"/__sim/truth?{query}");

        calls.Should().NotBeEmpty();
        ((int)truth["calls"]!).Should().Be(calls.Count);
        ((int)truth["inProgress"]!).Should().Be(calls.Count(call => LiveStatuses.Contains(Optional(call, "status")?.GetString())));
        ((decimal)truth["cost"]!).Should().Be(calls.Sum(call => Money(call, "cost")));
        ((decimal)truth["durationSeconds"]!).Should().Be(calls.Sum(DurationSeconds));
        ((decimal)truth["costBreakdown"]!["llm"]!).Should().Be(calls.Sum(call => Money(Optional(call, "costBreakdown"), "llm")));
        ((decimal)truth["costBreakdown"]!["analysis"]!).Should().Be(calls.Sum(AnalysisCost));
        ((long)truth["llmPromptTokens"]!).Should().Be((long)calls.Sum(call => Money(Optional(call, "costBreakdown"), "llmPromptTokens")));
        ((long)truth["ttsCharacters"]!).Should().Be((long)calls.Sum(call => Money(Optional(call, "costBreakdown"), "ttsCharacters")));
        ((int)truth["successEvaluation"]!["passed"]!).Should().Be(calls.Count(call => Success(call) == SuccessOutcome.Passed));
        ((int)truth["successEvaluation"]!["unknown"]!).Should().Be(calls.Count(call => Success(call) == SuccessOutcome.Unknown));
        truth["byDay"]!.AsArray().Sum(day => (decimal)day!["cost"]!).Should().Be((decimal)truth["cost"]!);
        truth["byAssistant"]!.AsArray().Sum(group => (int)group!["calls"]!).Should().Be(calls.Count);
        truth["byEndedReason"]!.AsArray().Sum(group => (int)group!["calls"]!).Should().Be(calls.Count);
    }

    [Fact]
    public void The_in_process_truth_matches_the_http_truth_shape()
    {
        var truth = Server.Simulation.Truth(Scenarios.KeyA1);

        truth.Calls.Should().Be(2500);
        truth.InProgress.Should().BePositive();
        truth.ByDay.Sum(day => day.Calls).Should().Be(2500);
        truth.ByAssistant.Should().Contain(group => group.AssistantId == null, "some calls are run by a squad");
    }

    [Fact]
    public void Generated_costs_are_exact_and_add_up_to_cost()
    {
        var calls = Server.Simulation.Calls(Scenarios.KeyA1).Concat(Server.Simulation.Calls(Scenarios.KeyB)).ToList();

        foreach (var call in calls.Where(call => Optional(call, "costBreakdown") is not null))
        {
            var breakdown = call.GetProperty("costBreakdown");
            var parts = new[] { "transport", "stt", "llm", "tts", "vapi" }.Sum(part => Money(breakdown, part)) + AnalysisCost(call);
            Money(call, "cost").Should().Be(parts, $"call {call.Text("id")} has a breakdown");
            if (Optional(breakdown, "total") is { } total)
            {
                total.GetDecimal().Should().Be(Money(call, "cost"));
            }
        }

        calls.Should().OnlyContain(call => Optional(call, "cost") == null || DecimalPlaces(call.GetProperty("cost")) <= 8);
        calls.Should().Contain(call => Optional(call, "cost") != null && Optional(call, "costBreakdown") == null, "some calls lack a breakdown");
    }

    private static JsonElement? Optional(JsonElement? owner, string name) =>
        owner is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) ? value : null;

    private static decimal Money(JsonElement? owner, string name) =>
        Optional(owner, name) is { ValueKind: JsonValueKind.Number } value ? value.GetDecimal() : 0m;

    private static decimal AnalysisCost(JsonElement call)
    {
        var analysis = Optional(Optional(call, "costBreakdown"), "analysisCostBreakdown");
        return Money(analysis, "summary") + Money(analysis, "structuredData") + Money(analysis, "successEvaluation") + Money(analysis, "structuredOutput");
    }

    private static decimal DurationSeconds(JsonElement call) =>
        Optional(call, "startedAt") is null || Optional(call, "endedAt") is null
            ? 0m
            : (decimal)(call.Instant("endedAt") - call.Instant("startedAt")).TotalMilliseconds / 1000m;

    private static SuccessOutcome Success(JsonElement call) =>
        SuccessEvaluation.Classify(Optional(Optional(call, "analysis"), "successEvaluation"));

    private static int DecimalPlaces(JsonElement number)
    {
        var text = number.GetRawText();
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : text.Length - dot - 1;
    }
}
