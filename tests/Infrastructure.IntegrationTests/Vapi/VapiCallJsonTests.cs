using System.Text;
using System.Text.Json;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Vapi;

namespace VapiAgents.Infrastructure.IntegrationTests.Vapi;

public sealed class VapiCallJsonTests
{
    private static async Task<List<CallFacts?>> ParseAsync(string json)
    {
        var list = new List<CallFacts?>();
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        await foreach (var item in JsonSerializer.DeserializeAsyncEnumerable<ParsedCall>(stream, VapiCallJsonConverter.Options))
        {
            list.Add(item.Facts);
        }

        return list;
    }

    [Fact]
    public async Task TheFactsExample_IsReadExactly()
    {
        var json = """
        [{ "id": "3f1c2a9e-7b4d-4e21-9a0f-5d6c8b1e2f30", "orgId": "9a8b7c6d-1111-4222-8333-444455556666",
          "type": "inboundPhoneCall", "status": "ended", "endedReason": "customer-ended-call",
          "createdAt": "2026-08-20T14:02:11.512Z", "updatedAt": "2026-08-20T14:06:03.090Z",
          "startedAt": "2026-08-20T14:02:13.004Z", "endedAt": "2026-08-20T14:05:49.871Z",
          "assistantId": "5b0a4a08-133c-4146-9315-0984f8c6be80", "customer": { "number": "+14155550123" },
          "cost": 0.3127,
          "costBreakdown": { "transport": 0.0361, "stt": 0.0361, "llm": 0.0412, "tts": 0.0823, "vapi": 0.1807, "total": 0.3127,
            "llmPromptTokens": 18234, "llmCompletionTokens": 412, "llmCachedPromptTokens": 9000, "ttsCharacters": 1645,
            "analysisCostBreakdown": { "summary": 0.0021, "summaryPromptTokens": 1400, "successEvaluation": 0.0009, "successEvaluationPromptTokens": 1500 } },
          "analysis": { "summary": "Booked.", "successEvaluation": "true", "structuredData": { "booked": true } },
          "artifact": { "transcript": "AI: hi", "messages": [ { "role": "bot", "message": "hi" } ] },
          "futureField": { "x": [1, 2, { "y": null }] } }]
        """;

        var facts = (await ParseAsync(json)).Single()!;

        facts.Id.Should().Be("3f1c2a9e-7b4d-4e21-9a0f-5d6c8b1e2f30");
        facts.Cost.Should().Be(0.3127m);
        facts.Parts.Should().Be(new CostParts(0.0361m, 0.0361m, 0.0412m, 0.0823m, 0.1807m, 0.0030m));
        facts.OtherCost.Should().Be(0.3127m - 0.3794m);
        facts.DurationMs.Should().Be(216_867);
        facts.LlmPromptTokens.Should().Be(18234);
        facts.TtsCharacters.Should().Be(1645);
        facts.SuccessOutcome.Should().Be(SuccessOutcome.Passed);
        facts.CreatedAt.Should().Be(new DateTime(2026, 8, 20, 14, 2, 11, 512, DateTimeKind.Utc));
    }
}

public sealed class VapiCallJsonLeniencyTests
{
    private static async Task<List<CallFacts?>> ParseAsync(string json)
    {
        var list = new List<CallFacts?>();
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        await foreach (var item in JsonSerializer.DeserializeAsyncEnumerable<ParsedCall>(stream, VapiCallJsonConverter.Options))
        {
            list.Add(item.Facts);
        }

        return list;
    }

    private const string Required = "\"orgId\": \"o\", \"createdAt\": \"2026-08-20T14:02:11.512Z\", \"updatedAt\": \"2026-08-20T14:02:12Z\"";

    [Theory]
    [InlineData("true", SuccessOutcome.Passed, "true")]
    [InlineData("false", SuccessOutcome.Failed, "false")]
    [InlineData("\"Pass\"", SuccessOutcome.Passed, "Pass")]
    [InlineData("8", SuccessOutcome.Passed, "8")]
    [InlineData("0.2", SuccessOutcome.Failed, "0.2")]
    [InlineData("null", SuccessOutcome.Unknown, null)]
    [InlineData("{\"score\": 1}", SuccessOutcome.Unknown, "{\"score\": 1}")]
    public async Task SuccessEvaluation_InAnyJsonType(string value, SuccessOutcome outcome, string? raw)
    {
        var facts = (await ParseAsync($"[{{\"id\": \"x\", {Required}, \"analysis\": {{\"successEvaluation\": {value}}}}}]")).Single()!;

        (facts.SuccessOutcome, facts.SuccessEvaluation).Should().Be((outcome, raw));
    }

    [Fact]
    public async Task ItemsThatAreNotCalls_AreCountedButDoNotFailThePage()
    {
        var page = await ParseAsync($"[{{\"id\": \"ok\", {Required}}}, {{\"orgId\": \"o\"}}, 42, \"text\", {{\"id\": 7, {Required}}}, {{\"id\": \"{new string('x', 65)}\", {Required}}}]");

        page.Should().HaveCount(6);
        page.Count(f => f is not null).Should().Be(1);
    }

    [Fact]
    public async Task NumbersAsStrings_AndMissingOrWrongTypedFields_AreRead()
    {
        var facts = (await ParseAsync($"[{{\"id\": \"x\", {Required}, \"cost\": \"0.25\", \"status\": 5, \"endedReason\": \"call.in-progress.error-brand-new\", \"costBreakdown\": {{\"llm\": \"0.1\", \"tts\": null, \"ttsCharacters\": \"12\"}}}}]")).Single()!;

        facts.Cost.Should().Be(0.25m);
        facts.Status.Should().BeNull();
        facts.EndedReason.Should().Be("call.in-progress.error-brand-new");
        facts.Parts.Llm.Should().Be(0.1m);
        facts.TtsCharacters.Should().Be(12);
        facts.OtherCost.Should().Be(0.15m);
    }

    [Fact]
    public async Task WithoutCostBreakdown_TheItemisedCostsAreUsed()
    {
        var costs = "[{\"type\": \"transport\", \"cost\": 0.01}, {\"type\": \"transcriber\", \"cost\": 0.02}, {\"type\": \"model\", \"cost\": 0.03, \"promptTokens\": 100, \"completionTokens\": 7}," +
                    " {\"type\": \"model\", \"cost\": 0.01, \"promptTokens\": 50}, {\"type\": \"voice\", \"cost\": 0.04, \"characters\": 300}, {\"type\": \"vapi\", \"cost\": 0.05}," +
                    " {\"type\": \"analysis\", \"cost\": 0.001}, {\"type\": \"voicemail-detection\", \"cost\": 0.002}]";

        var facts = (await ParseAsync($"[{{\"id\": \"x\", {Required}, \"cost\": 0.163, \"costs\": {costs}}}]")).Single()!;

        facts.Parts.Should().Be(new CostParts(0.01m, 0.02m, 0.04m, 0.04m, 0.05m, 0.001m));
        (facts.LlmPromptTokens, facts.LlmCompletionTokens, facts.TtsCharacters).Should().Be((150, 7, 300));
        facts.OtherCost.Should().Be(0.002m, "voicemail detection is not one of the listed parts");
    }

    [Fact]
    public async Task ACutOffPage_FailsToParse()
    {
        var parse = () => ParseAsync($"[{{\"id\": \"x\", {Required}}}, {{\"id\": \"y\", \"orgId\"");

        await parse.Should().ThrowAsync<JsonException>();
    }
}
