namespace VapiAgents.Domain.Usage;

/// <summary>
/// One Vapi call as one agent saw it: the row the sync upserts, unique per (agent, Vapi call id).
/// When several of a user's agents see the same call, every copy holds the newest facts, so metrics can
/// count the call once whichever copy they read. Rows outlive their agent's deletion.
/// </summary>
public sealed class CallUsage
{
    private CallUsage()
    {
        CallId = "";
        UserId = "";
        OrgId = "";
    }

    public Guid AgentId { get; private set; }
    public string CallId { get; private set; }
    public string UserId { get; private set; }
    public string OrgId { get; private set; }
    public string? AssistantId { get; private set; }
    public string? Type { get; private set; }
    public string? Status { get; private set; }
    public string? EndedReason { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public long DurationMs { get; private set; }
    public decimal Cost { get; private set; }
    public decimal CostTransport { get; private set; }
    public decimal CostStt { get; private set; }
    public decimal CostLlm { get; private set; }
    public decimal CostTts { get; private set; }
    public decimal CostVapi { get; private set; }
    public decimal CostAnalysis { get; private set; }
    public decimal CostOther { get; private set; }
    public long LlmPromptTokens { get; private set; }
    public long LlmCompletionTokens { get; private set; }
    public long TtsCharacters { get; private set; }
    public long BillableSeconds { get; private set; }
    public decimal Revenue { get; private set; }
    public string? SuccessEvaluation { get; private set; }
    public SuccessOutcome SuccessOutcome { get; private set; }
    public DateTime SyncedAt { get; private set; }

    /// <summary>Which of the call's ended reason, type and status count as "other" in the breakdowns (decided when stored).</summary>
    public OtherKeys OtherKeys { get; private set; }

    public static CallUsage From(Guid agentId, string userId, CallFacts facts, DateTime syncedAt, OtherKeys otherKeys) => new()
    {
        AgentId = agentId,
        CallId = facts.Id,
        UserId = userId,
        OrgId = facts.OrgId,
        AssistantId = facts.AssistantId,
        Type = facts.Type,
        Status = facts.Status,
        EndedReason = facts.EndedReason,
        CreatedAt = facts.CreatedAt,
        UpdatedAt = facts.UpdatedAt,
        StartedAt = facts.StartedAt,
        EndedAt = facts.EndedAt,
        DurationMs = facts.DurationMs,
        Cost = facts.Cost,
        CostTransport = facts.Parts.Transport,
        CostStt = facts.Parts.Stt,
        CostLlm = facts.Parts.Llm,
        CostTts = facts.Parts.Tts,
        CostVapi = facts.Parts.Vapi,
        CostAnalysis = facts.Parts.Analysis,
        CostOther = facts.OtherCost,
        LlmPromptTokens = facts.LlmPromptTokens,
        LlmCompletionTokens = facts.LlmCompletionTokens,
        TtsCharacters = facts.TtsCharacters,
        BillableSeconds = facts.BillableSeconds,
        Revenue = facts.Revenue,
        SuccessEvaluation = facts.SuccessEvaluation,
        SuccessOutcome = facts.SuccessOutcome,
        SyncedAt = syncedAt,
        OtherKeys = otherKeys,
    };

    public CallFacts ToFacts() => new()
    {
        Id = CallId,
        OrgId = OrgId,
        AssistantId = AssistantId,
        Type = Type,
        Status = Status,
        EndedReason = EndedReason,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        StartedAt = StartedAt,
        EndedAt = EndedAt,
        DurationMs = DurationMs,
        Cost = Cost,
        Parts = new CostParts(CostTransport, CostStt, CostLlm, CostTts, CostVapi, CostAnalysis),
        LlmPromptTokens = LlmPromptTokens,
        LlmCompletionTokens = LlmCompletionTokens,
        TtsCharacters = TtsCharacters,
        BillableSeconds = BillableSeconds,
        Revenue = Revenue,
        SuccessEvaluation = SuccessEvaluation,
        SuccessOutcome = SuccessOutcome,
    };
}
