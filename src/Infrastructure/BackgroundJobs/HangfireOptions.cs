namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>Configuration section <c>Hangfire</c>.</summary>
public sealed class HangfireOptions
{
    public const string Section = "Hangfire";

    /// <summary>Run a Hangfire server (job processing) in this process. Dashboard and enqueueing work either way.</summary>
    public bool ServerEnabled { get; set; } = true;

    public int WorkerCount { get; set; } = Math.Min(Environment.ProcessorCount * 5, 20);

    /// <summary>Schema (PostgreSQL, SQL Server) holding Hangfire's tables.</summary>
    public string Schema { get; set; } = "hangfire";

    /// <summary>How often an idle worker looks for a job queued by another instance (fractional allowed).</summary>
    public double QueuePollSeconds { get; set; } = 1;

    /// <summary>A job fetched by a process that died comes back after this long (renewed while its worker lives).</summary>
    public double InvisibilityTimeoutSeconds { get; set; } = 300;
}
