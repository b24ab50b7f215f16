namespace VapiAgents.VapiSimulator.Data;

/// <summary>
/// The filters of <c>GET /call</c>, reduced to inclusive millisecond bounds:
/// createdAtGt t becomes CreatedFrom = t + 1, createdAtLt t becomes CreatedTo = t − 1, and so on.
/// </summary>
internal sealed record CallFilter
{
    public long CreatedFrom { get; init; } = long.MinValue;
    public long CreatedTo { get; init; } = long.MaxValue;
    public long UpdatedFrom { get; init; } = long.MinValue;
    public long UpdatedTo { get; init; } = long.MaxValue;
    public string? Id { get; init; }
    public string? AssistantId { get; init; }
    public string? PhoneNumberId { get; init; }

    public bool Matches(StoredCall call) =>
        call.UpdatedAt >= UpdatedFrom
        && call.UpdatedAt <= UpdatedTo
        && (Id is null || Id == call.Id)
        && (AssistantId is null || AssistantId == call.AssistantId)
        && (PhoneNumberId is null || PhoneNumberId == call.PhoneNumberId);
}
