namespace VapiAgents.Domain.Usage;

/// <summary>
/// What VapiAgents keeps of one Vapi call: identity, times, outcome, cost and its parts, token counts and
/// the success evaluation. Never transcripts, recordings, messages or customer numbers.
/// Build with <see cref="Create"/>, which applies the product's rules (money scale, duration, "other" cost).
/// </summary>
public sealed record CallFacts
{
    public const int IdMaxLength = 64;
    public const int LabelMaxLength = 64;
    public const int EndedReasonMaxLength = 200;
    public const int SuccessEvaluationMaxLength = 200;

    public required string Id { get; init; }
    public required string OrgId { get; init; }
    public string? AssistantId { get; init; }
    public string? Type { get; init; }
    public string? Status { get; init; }
    public string? EndedReason { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? EndedAt { get; init; }

    /// <summary>endedAt − startedAt; 0 for calls that were never answered or have not ended.</summary>
    public long DurationMs { get; init; }

    public decimal Cost { get; init; }
    public CostParts Parts { get; init; } = CostParts.None;

    /// <summary>Whatever part of the cost the listed parts do not explain (voicemail detection, knowledge base, …).</summary>
    public decimal OtherCost => Cost - Parts.Sum;

    public long LlmPromptTokens { get; init; }
    public long LlmCompletionTokens { get; init; }
    public long TtsCharacters { get; init; }

    /// <summary>Seconds billed to the client under the resale price of the call's pricing agent (0 without a price).</summary>
    public long BillableSeconds { get; init; }

    /// <summary>What the call earns under that price (USD, exact to <see cref="Money.Scale"/> places).</summary>
    public decimal Revenue { get; init; }

    /// <summary>The value as Vapi sent it (JSON text: <c>true</c>, <c>"Pass"</c>, <c>8</c>), for reference.</summary>
    public string? SuccessEvaluation { get; init; }
    public SuccessOutcome SuccessOutcome { get; init; }

    /// <summary>True while Vapi may still change the call (its final cost comes when it ends).</summary>
    public bool IsOpen => Status is "scheduled" or "queued" or "ringing" or "in-progress" or "forwarding";

    public static CallFacts Create(
        string id, string orgId, DateTime createdAt, DateTime updatedAt,
        string? assistantId = null, string? type = null, string? status = null, string? endedReason = null,
        DateTime? startedAt = null, DateTime? endedAt = null, decimal cost = 0, CostParts? parts = null,
        long llmPromptTokens = 0, long llmCompletionTokens = 0, long ttsCharacters = 0,
        string? successEvaluation = null, SuccessOutcome successOutcome = SuccessOutcome.Unknown)
    {
        var duration = startedAt is { } start && endedAt is { } end && end > start ? (long)(end - start).TotalMilliseconds : 0;
        return new CallFacts
        {
            Id = id,
            OrgId = Clip(orgId, IdMaxLength)!,
            AssistantId = Clip(assistantId, IdMaxLength),
            Type = Clip(type, LabelMaxLength),
            Status = Clip(status, LabelMaxLength),
            EndedReason = Clip(endedReason, EndedReasonMaxLength),
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            StartedAt = startedAt,
            EndedAt = endedAt,
            DurationMs = duration,
            Cost = Money.Normalize(cost),
            Parts = (parts ?? CostParts.None).Normalized(),
            LlmPromptTokens = Math.Max(0, llmPromptTokens),
            LlmCompletionTokens = Math.Max(0, llmCompletionTokens),
            TtsCharacters = Math.Max(0, ttsCharacters),
            SuccessEvaluation = Clip(successEvaluation, SuccessEvaluationMaxLength),
            SuccessOutcome = successOutcome,
        };
    }

    /// <summary>The newer of two observations of the same call (Vapi's updatedAt decides; ties keep this one).</summary>
    public CallFacts NewerOf(CallFacts other) => other.UpdatedAt > UpdatedAt ? other : this;

    private static string? Clip(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];
}

/// <summary>The parts of a call's cost that Vapi itemises.</summary>
public sealed record CostParts(decimal Transport, decimal Stt, decimal Llm, decimal Tts, decimal Vapi, decimal Analysis)
{
    public static readonly CostParts None = new(0, 0, 0, 0, 0, 0);

    public decimal Sum => Transport + Stt + Llm + Tts + Vapi + Analysis;

    public CostParts Normalized() => new(
        Money.Normalize(Transport), Money.Normalize(Stt), Money.Normalize(Llm),
        Money.Normalize(Tts), Money.Normalize(Vapi), Money.Normalize(Analysis));
}
