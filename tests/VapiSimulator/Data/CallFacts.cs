using System.Text.Json;
using VapiAgents.VapiSimulator.Truth;

namespace VapiAgents.VapiSimulator.Data;

/// <summary>
/// The numbers the ground truth adds up, read once from a call's JSON. Generated calls and
/// raw calls posted by tests go through the same reader, so the truth never depends on how
/// a call came to exist. Missing or non-numeric fields count as zero.
/// </summary>
internal sealed record CallFacts
{
    public string? Status { get; init; }
    public string? EndedReason { get; init; }
    public decimal Cost { get; init; }
    public long DurationMs { get; init; }
    public decimal Transport { get; init; }
    public decimal Stt { get; init; }
    public decimal Llm { get; init; }
    public decimal Tts { get; init; }
    public decimal Vapi { get; init; }

    /// <summary>summary + structuredData + successEvaluation + structuredOutput of analysisCostBreakdown.</summary>
    public decimal Analysis { get; init; }
    public long LlmPromptTokens { get; init; }
    public long LlmCompletionTokens { get; init; }
    public long TtsCharacters { get; init; }
    public SuccessOutcome Success { get; init; }

    /// <summary>Statuses of a call that has not finished yet.</summary>
    public bool IsLive => Status is "scheduled" or "queued" or "ringing" or "in-progress" or "forwarding";

    public static CallFacts Read(JsonElement call)
    {
        var breakdown = Property(call, "costBreakdown");
        var analysisCosts = breakdown is { } b ? Property(b, "analysisCostBreakdown") : null;
        var analysis = Property(call, "analysis");

        return new CallFacts
        {
            Status = Text(call, "status"),
            EndedReason = Text(call, "endedReason"),
            Cost = Number(call, "cost"),
            DurationMs = Duration(call),
            Transport = Number(breakdown, "transport"),
            Stt = Number(breakdown, "stt"),
            Llm = Number(breakdown, "llm"),
            Tts = Number(breakdown, "tts"),
            Vapi = Number(breakdown, "vapi"),
            Analysis = Number(analysisCosts, "summary")
                + Number(analysisCosts, "structuredData")
                + Number(analysisCosts, "successEvaluation")
                + Number(analysisCosts, "structuredOutput"),
            LlmPromptTokens = (long)Number(breakdown, "llmPromptTokens"),
            LlmCompletionTokens = (long)Number(breakdown, "llmCompletionTokens"),
            TtsCharacters = (long)Number(breakdown, "ttsCharacters"),
            Success = SuccessEvaluation.Classify(analysis is { } a ? Property(a, "successEvaluation") : null),
        };
    }

    /// <summary>endedAt − startedAt; zero when either is missing (unanswered or unfinished calls).</summary>
    private static long Duration(JsonElement call) =>
        IsoTime.TryParse(Text(call, "startedAt"), out var started)
        && IsoTime.TryParse(Text(call, "endedAt"), out var ended)
        && ended > started
            ? ended - started
            : 0;

    public static JsonElement? Property(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) ? value : null;

    public static string? Text(JsonElement owner, string name) =>
        Property(owner, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static decimal Number(JsonElement? owner, string name) =>
        owner is { } o && Property(o, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetDecimal(out var number)
            ? number
            : 0m;
}
