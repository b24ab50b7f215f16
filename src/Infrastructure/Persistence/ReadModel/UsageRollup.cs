namespace VapiAgents.Infrastructure.Persistence.ReadModel;

public enum RollupGranularity : byte
{
    Hour = 1,
    Day = 2,
}

/// <summary>
/// Pre-added usage of one agent set over one UTC hour or day, kept in step with the call rows by the sync
/// (same transaction). Money is in units of 1e-10 USD (<see cref="Domain.Usage.Money"/>) so sums stay exact
/// integers. Call rows remain the source of truth; the rollups can be rebuilt from them.
/// </summary>
public sealed class UsageRollup
{
    public long AgentSetId { get; set; }
    public RollupGranularity Granularity { get; set; }
    public long BucketStartMs { get; set; }
    public string UserId { get; set; } = "";
    public long Calls { get; set; }
    public long DurationMs { get; set; }
    public long CostUnits { get; set; }
    public long TransportUnits { get; set; }
    public long SttUnits { get; set; }
    public long LlmUnits { get; set; }
    public long TtsUnits { get; set; }
    public long VapiUnits { get; set; }
    public long AnalysisUnits { get; set; }
    public long OtherUnits { get; set; }
    public long LlmPromptTokens { get; set; }
    public long LlmCompletionTokens { get; set; }
    public long TtsCharacters { get; set; }
    public long Passed { get; set; }
    public long Failed { get; set; }
    public long UnknownSuccess { get; set; }
    public long BillableSeconds { get; set; }
    public long RevenueUnits { get; set; }

    /// <summary>Calls and cost per ended reason, type and status (<see cref="Usage.BreakdownBlob"/>).</summary>
    public byte[] Breakdown { get; set; } = [];
}

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

/// <summary>Interned breakdown keys (ended reasons, call types, statuses), so rollups store small ids.</summary>
public sealed class UsageKey
{
    public int Id { get; set; }
    public byte Dimension { get; set; }
    public string Value { get; set; } = "";

    /// <summary>The agent whose call brought the value in (no foreign key: keys outlive agents); null for keys stored before the cap.</summary>
    public Guid? AgentId { get; set; }

    /// <summary>The UTC day it was stored: an agent's keys of one day count against its daily cap (ADR 030).</summary>
    public DateOnly? IntroducedOn { get; set; }
}

/// <summary>One row per user, locked by each batch of the user's sync writes so that concurrent syncs of different agents see each other's copies.</summary>
public sealed class UserSyncLock
{
    public string UserId { get; set; } = "";
    public long Version { get; set; }
}

/// <summary>The lease that keeps one sync per agent at a time, across processes; it expires if its holder dies.</summary>
public sealed class SyncLease
{
    public Guid AgentId { get; set; }
    public Guid RunId { get; set; }
    public string Holder { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
}
