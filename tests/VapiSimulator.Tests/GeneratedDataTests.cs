using System.Text.Json;
using VapiAgents.VapiSimulator.Tests.Support;

namespace VapiAgents.VapiSimulator.Tests;

/// <summary>The generated calls carry the variety the product has to cope with.</summary>
public sealed class GeneratedDataTests(StandardSimulator simulator) : IClassFixture<StandardSimulator>
{
    private List<JsonElement> Calls =>
        [.. simulator.Server.Simulation.Calls(Scenarios.KeyA1), .. simulator.Server.Simulation.Calls(Scenarios.KeyB)];

    [Fact]
    public void Every_call_has_Vapis_required_fields_with_millisecond_timestamps()
    {
        Calls.Should().OnlyContain(call =>
            call.Has("id") && call.Has("orgId")
            && IsVapiInstant(call.Text("createdAt")) && IsVapiInstant(call.Text("updatedAt"))
            && call.Instant("updatedAt") >= call.Instant("createdAt"));
    }

    [Fact]
    public void Ended_reasons_are_mostly_known_with_a_few_future_ones()
    {
        var reasons = Calls.Where(call => call.Has("endedReason")).Select(call => call.Text("endedReason")).ToList();

        EndedReasons.Known.Should().HaveCount(627);
        reasons.Should().OnlyContain(reason => EndedReasons.Known.Contains(reason) || EndedReasons.Future.Contains(reason));
        reasons.Count(reason => EndedReasons.Known.Contains(reason)).Should().BeGreaterThan(reasons.Count * 95 / 100);
    }

    [Fact]
    public void In_progress_calls_cost_zero_and_have_no_end()
    {
        var live = Calls.Where(call => call.Text("status") == "in-progress").ToList();

        live.Should().NotBeEmpty().And.OnlyContain(call =>
            call.GetProperty("cost").GetDecimal() == 0m && call.Has("startedAt")
            && !call.Has("endedAt") && !call.Has("endedReason") && !call.Has("analysis"));
    }

    [Fact]
    public void Unanswered_calls_have_no_startedAt()
    {
        var unanswered = Calls.Where(call => call.Text("status") == "ended" && !call.Has("startedAt")).ToList();

        unanswered.Should().NotBeEmpty().And.OnlyContain(call => call.GetProperty("cost").GetDecimal() == 0m);
    }

    [Fact]
    public void SuccessEvaluation_comes_in_every_shape()
    {
        var analyses = Calls.Where(call => call.Has("analysis")).Select(call => call.GetProperty("analysis")).ToList();
        var kinds = analyses
            .Select(analysis => analysis.TryGetProperty("successEvaluation", out var value) ? value.ValueKind : JsonValueKind.Undefined)
            .ToHashSet();

        kinds.Should().Contain(
        [
            JsonValueKind.String, JsonValueKind.True, JsonValueKind.False, JsonValueKind.Number, JsonValueKind.Null, JsonValueKind.Undefined,
        ]);
    }

    [Fact]
    public void Some_calls_have_no_assistant_and_some_carry_unknown_fields()
    {
        Calls.Should().Contain(call => !call.Has("assistantId") && call.Has("squadId"));
        Calls.Should().Contain(call => call.Has("futureField"));
        Calls.Select(call => call.Text("type")).Distinct().Should().BeEquivalentTo("inboundPhoneCall", "outboundPhoneCall", "webCall", "vapi.websocketCall");
    }

    private static bool IsVapiInstant(string text) =>
        text.Length == 24 && text[^1] == 'Z' && text[19] == '.';
}
