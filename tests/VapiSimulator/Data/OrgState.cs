using VapiAgents.VapiSimulator.Scenario;

namespace VapiAgents.VapiSimulator.Data;

/// <summary>One organisation: its keys, assistants and the current snapshot of its calls.</summary>
internal sealed class OrgState(OrgProfile profile, IReadOnlyList<string> keys, IReadOnlyList<StoredAssistant> assistants, CallSet calls)
{
    private CallSet _calls = calls;

    public OrgProfile Profile => profile;

    public string OrgId => profile.OrgId;

    public IReadOnlyList<string> Keys => keys;

    /// <summary>Newest createdAt first, the order GET /assistant answers in.</summary>
    public IReadOnlyList<StoredAssistant> Assistants { get; } =
        [.. assistants.OrderByDescending(assistant => assistant.CreatedAt).ThenBy(assistant => assistant.Id, StringComparer.Ordinal)];

    public CallSet Calls => Volatile.Read(ref _calls);

    public StoredAssistant? FindAssistant(string id) => Assistants.FirstOrDefault(assistant => assistant.Id == id);

    /// <summary>Swaps in a new snapshot. Callers serialise writers; readers never wait.</summary>
    public void Publish(CallSet calls) => Volatile.Write(ref _calls, calls);

    public OrgDescription Describe() => new(
        OrgId,
        Keys,
        [.. Assistants.OrderBy(assistant => assistant.CreatedAt).Select(assistant => new AssistantDescription(assistant.Id, assistant.Name))],
        Calls.Count);
}
