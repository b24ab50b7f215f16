namespace VapiAgents.Application.Sync;

/// <summary>Configuration section <c>Sync</c>.</summary>
public sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>How far back an agent's first incremental sync reaches (Vapi keeps calls 14 days on its base plan).</summary>
    public int InitialLookbackDays { get; set; } = 14;

    /// <summary>Incremental syncs re-read this much before the high-water mark, for late or clock-skewed updates.</summary>
    public int SafetyMarginMinutes { get; set; } = 10;

    /// <summary>A sync's lease on its agent; a dead holder blocks the agent for at most this long.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>
    /// A queued run's hold on its agent while its job waits for a worker (a sync of the agent meanwhile answers 409).
    /// Longer than a lease: a queued run is judged by its job's state, and the sweeper re-queues it if the job is lost.
    /// </summary>
    public double QueuedLeaseSeconds { get; set; } = 900;

    public TimeSpan QueuedLease => TimeSpan.FromSeconds(QueuedLeaseSeconds);

    /// <summary>Manual syncs a user may start per minute (counted in the database, so across instances).</summary>
    public int ManualSyncsPerMinute { get; set; } = 30;

    /// <summary>Calls asked of Vapi per page: its maximum.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Attempts at one page whose body arrives cut or unreadable (HTTP-level retries come on top).</summary>
    public int PageAttempts { get; set; } = 3;

    /// <summary>The longest window a sync with dates may ask for.</summary>
    public int MaxRangeDays { get; set; } = 400;

    /// <summary>After this many key rejections in a row, scheduled syncs pause the agent.</summary>
    public int PauseAfterKeyRejections { get; set; } = 3;

    /// <summary>Pages buffered between reading from Vapi and writing to the database.</summary>
    public int PipelinePages { get; set; } = 4;

    /// <summary>How often each instance's sweeper looks for queued or running runs that nothing will finish (fractional allowed).</summary>
    public double SweepSeconds { get; set; } = 30;

    /// <summary>Re-queues of a lost run before it ends failed ("never started" or "lost").</summary>
    public int MaxRequeues { get; set; } = 3;

    /// <summary>Slack on top of two leases and a sweep before an unfinished run counts as overdue (health's <c>jobs</c> entry).</summary>
    public double OverdueSlackSeconds { get; set; } = 30;

    public TimeSpan SweepInterval => TimeSpan.FromSeconds(SweepSeconds);

    /// <summary>No dead run stays queued or running longer than this: two leases, a sweep and the slack.</summary>
    public TimeSpan OverdueAfter => TimeSpan.FromSeconds((2 * LeaseSeconds) + SweepSeconds + OverdueSlackSeconds);

    /// <summary>Run the recurring schedule (issue of background sync).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Cron expression of the recurring sync of all active agents.</summary>
    public string Schedule { get; set; } = "*/15 * * * *";
}
