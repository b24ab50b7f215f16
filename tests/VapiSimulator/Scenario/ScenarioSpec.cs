namespace VapiAgents.VapiSimulator;

/// <summary>
/// What data to generate. Same seed and same anchor give the same organisations, keys,
/// assistants and calls, byte for byte.
/// </summary>
public sealed record ScenarioSpec
{
    public int Seed { get; init; } = 1;

    /// <summary>The "now" the generated history ends at. Default: the real now, truncated to the second.</summary>
    public DateTimeOffset? Anchor { get; init; }

    public IReadOnlyList<OrgSpec> Orgs { get; init; } = [new OrgSpec()];
}

/// <summary>One organisation of a scenario. Percentages are of <see cref="Calls"/>.</summary>
public sealed record OrgSpec
{
    /// <summary>Explicit private keys; when absent, <see cref="KeyCount"/> keys are generated.</summary>
    public IReadOnlyList<string>? Keys { get; init; }

    public int KeyCount { get; init; } = 1;

    public int Assistants { get; init; } = 3;

    public int Calls { get; init; } = 100;

    /// <summary>The calls are spread over this many days before the anchor.</summary>
    public int Days { get; init; } = 10;

    /// <summary>
    /// How many of the calls form one batch campaign that shares one single createdAt
    /// instant (each with its own updatedAt). Can exceed 1000, Vapi's page limit.
    /// </summary>
    public int BatchInstant { get; init; }

    /// <summary>Calls still in progress at the anchor (created in its last half hour).</summary>
    public double InProgressPercent { get; init; } = 3;

    /// <summary>Ended calls that never connected: no startedAt, duration 0, cost 0.</summary>
    public double UnansweredPercent { get; init; } = 8;

    /// <summary>Calls run by a squad (squadId) instead of an assistant, so without assistantId.</summary>
    public double CallsWithoutAssistantPercent { get; init; } = 3;
}
