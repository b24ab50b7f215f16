namespace VapiAgents.Application.Common.Limits;

/// <summary>Configuration section <c>Limits</c>: caps on what one user can make the system hold (see docs/adr/011).</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Agents (not deleted) one user may have; each is a sync job every 15 minutes.</summary>
    public int MaxAgentsPerUser { get; set; } = 200;

    /// <summary>CSV exports one user may stream at once from one instance; each holds a database connection while it streams.</summary>
    public int ConcurrentExportsPerUser { get; set; } = 2;

    /// <summary>
    /// Breakdown values (ended reasons, types, statuses) never seen before that one agent's calls may add per UTC day;
    /// the rest count as "other" (ADR 030), so whoever can post to a webhook cannot grow the key table without bound.
    /// </summary>
    public int NewUsageKeysPerAgentPerDay { get; set; } = 50;

    /// <summary>The largest request body the server reads, in bytes (1 MiB): an agent or a webhook report is a few KB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
