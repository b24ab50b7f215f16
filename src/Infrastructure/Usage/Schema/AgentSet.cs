namespace VapiAgents.Infrastructure.Usage.Schema;

/// <summary>
/// The set of a user's agents that hold copies of a call. Each call belongs to exactly one set, so rollups
/// keyed by set count it once, whichever selection of agents a query makes.
/// </summary>
public sealed class AgentSet
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";

    /// <summary>The members of the set that stands for every call of the user (ADR 031).</summary>
    public const string EveryAgent = "*";

    /// <summary>The member agent ids, sorted, comma-separated; <see cref="EveryAgent"/> for the user's whole set.</summary>
    public string Members { get; set; } = "";

    public bool IsEveryAgent => Members == EveryAgent;

    public static string Key(IEnumerable<Guid> agents) => string.Join(',', agents.Select(a => a.ToString("D")).Order(StringComparer.Ordinal));

    public IReadOnlyList<Guid> MemberIds() => Members.Split(',').Select(Guid.Parse).ToList();
}
