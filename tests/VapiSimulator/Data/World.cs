namespace VapiAgents.VapiSimulator.Data;

/// <summary>Everything one scenario holds. Loading a scenario replaces the whole world at once.</summary>
internal sealed class World
{
    private readonly Dictionary<string, OrgState> _orgsByKey;

    public World(int seed, long anchor, IReadOnlyList<OrgState> orgs)
    {
        Seed = seed;
        Anchor = anchor;
        Orgs = orgs;
        _orgsByKey = orgs
            .SelectMany(org => org.Keys.Select(key => (key, org)))
            .ToDictionary(pair => pair.key, pair => pair.org, StringComparer.Ordinal);

        // Changes after start-up draw from their own stream, so they never disturb generation.
        ChangeRandom = new Random(unchecked((seed * 31) + 17));
    }

    public int Seed { get; }
    public long Anchor { get; }
    public IReadOnlyList<OrgState> Orgs { get; }

    /// <summary>Used only under the simulation's write lock.</summary>
    public Random ChangeRandom { get; }

    public OrgState? OrgOfKey(string key) => _orgsByKey.GetValueOrDefault(key);

    public ScenarioDescription Describe() =>
        new(Seed, IsoTime.FromUnixMs(Anchor), [.. Orgs.Select(org => org.Describe())]);
}
