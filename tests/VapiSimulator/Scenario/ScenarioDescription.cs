namespace VapiAgents.VapiSimulator;

/// <summary>What a scenario generated: enough to register every organisation in the product.</summary>
public sealed record ScenarioDescription(int Seed, DateTimeOffset Anchor, IReadOnlyList<OrgDescription> Orgs)
{
    /// <summary>The organisation that owns <paramref name="key"/>.</summary>
    public OrgDescription OrgOfKey(string key) =>
        Orgs.FirstOrDefault(org => org.Keys.Contains(key, StringComparer.Ordinal))
        ?? throw new KeyNotFoundException("No organisation has that key.");
}

public sealed record OrgDescription(
    string OrgId,
    IReadOnlyList<string> Keys,
    IReadOnlyList<AssistantDescription> Assistants,
    int Calls);

public sealed record AssistantDescription(string Id, string Name);
