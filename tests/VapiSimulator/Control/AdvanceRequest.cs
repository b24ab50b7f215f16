namespace VapiAgents.VapiSimulator;

/// <summary>
/// Time moves on. Applies to the organisation of <see cref="AssistantId"/>, else of
/// <see cref="Key"/>, else to every organisation.
/// </summary>
public sealed record AdvanceRequest
{
    /// <summary>Live calls end: with cost, endedAt, endedReason and an updatedAt newer than any before.</summary>
    public bool FinishInProgress { get; init; } = true;

    /// <summary>New calls per targeted organisation, created now.</summary>
    public int NewCalls { get; init; }

    public string? Key { get; init; }

    /// <summary>New calls all go to this assistant (otherwise they spread over the organisation's).</summary>
    public string? AssistantId { get; init; }

    /// <summary>Share of the new calls left in progress.</summary>
    public double InProgressPercent { get; init; } = 20;
}

public sealed record AdvanceResult(IReadOnlyList<string> FinishedCallIds, IReadOnlyList<string> CreatedCallIds);

public sealed record AddCallsResult(int Added, int Replaced);
