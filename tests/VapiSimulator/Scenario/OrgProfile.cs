namespace VapiAgents.VapiSimulator.Scenario;

/// <summary>The fixed resources of one organisation that its calls refer to.</summary>
internal sealed record OrgProfile
{
    public required string OrgId { get; init; }
    public required IReadOnlyList<string> AssistantIds { get; init; }
    public required IReadOnlyList<string> PhoneNumberIds { get; init; }
    public required string SquadId { get; init; }
    public required string CampaignId { get; init; }
    public required OrgSpec Spec { get; init; }

    /// <summary>One of the assistants, or none for the share of calls a squad runs.</summary>
    public string? ChooseAssistant(Random random) =>
        AssistantIds.Count == 0 || random.Chance(Spec.CallsWithoutAssistantPercent) ? null : random.Pick(AssistantIds);
}
