using VapiAgents.Domain.Common;

namespace VapiAgents.Domain.Usage;

public enum SyncTrigger
{
    Manual,
    Scheduled,
    Webhook,
}

public enum SyncMode
{
    /// <summary>The calls created in an explicit window.</summary>
    Range,

    /// <summary>The calls updated since the agent's high-water mark (minus a safety margin).</summary>
    Incremental,
}

public enum SyncRunStatus
{
    Queued,
    Running,
    Succeeded,
    Partial,
    Failed,
}

/// <summary>One sync attempt of one agent: its window, progress counts and outcome.</summary>
public sealed class SyncRun : IAggregateRoot
{
    public const int ErrorMaxLength = 500;

    private SyncRun()
    {
        UserId = "";
    }

    public Guid Id { get; private set; }
    public Guid AgentId { get; private set; }
    public string UserId { get; private set; }
    public SyncTrigger Trigger { get; private set; }
    public SyncMode Mode { get; private set; }
    public SyncRunStatus Status { get; private set; }
    public DateTime WindowStart { get; private set; }
    public DateTime WindowEnd { get; private set; }

    /// <summary>Distinct calls read from Vapi.</summary>
    public int Fetched { get; private set; }

    /// <summary>Calls this agent did not hold before.</summary>
    public int Created { get; private set; }

    /// <summary>Calls this agent held whose facts changed (e.g. an in-progress call that ended).</summary>
    public int Updated { get; private set; }

    public int Pages { get; private set; }

    /// <summary>
    /// Windows of a single instant (on both createdAt and updatedAt) that still filled a page: Vapi cannot list
    /// past those 1000 calls, so more may exist there. Any such window makes the run partial.
    /// </summary>
    public int SaturatedWindows { get; private set; }

    /// <summary>Items Vapi returned that were not valid calls (no id, no times) and could not be stored.</summary>
    public int Skipped { get; private set; }

    public DateTime QueuedAt { get; private set; }

    /// <summary>When the run was last handed to a background job (its first queueing, or the sweeper's last re-queue).</summary>
    public DateTime LastQueuedAt { get; private set; }

    /// <summary>The background job that is to execute the run; null when it runs inline or is not yet enqueued.</summary>
    public string? JobId { get; private set; }

    /// <summary>Times the sweeper re-queued the run after its job or its executor was lost.</summary>
    public int Requeues { get; private set; }

    /// <summary>
    /// Changes with every hand-over of the run (claimed by an executor, re-queued, ended) and is checked on every
    /// write, so two executors of one run, or an executor and a sweeper, can never both act on it.
    /// </summary>
    public Guid Version { get; private set; }

    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public string? Error { get; private set; }

    public bool IsFinished => Status is SyncRunStatus.Succeeded or SyncRunStatus.Partial or SyncRunStatus.Failed;

    public static SyncRun Queue(Guid id, Guid agentId, string userId, SyncTrigger trigger, SyncMode mode, DateTime windowStart, DateTime windowEnd, DateTime now)
    {
        if (windowEnd < windowStart)
        {
            throw new DomainRuleException("A sync window cannot end before it starts.");
        }

        return new SyncRun
        {
            Id = id,
            AgentId = agentId,
            UserId = userId,
            Trigger = trigger,
            Mode = mode,
            Status = SyncRunStatus.Queued,
            WindowStart = windowStart,
            WindowEnd = windowEnd,
            QueuedAt = now,
            LastQueuedAt = now,
            Version = Guid.NewGuid(),
        };
    }

    /// <summary>An executor claims the run: the claim is exclusive because it changes <see cref="Version"/>.</summary>
    public void Start(DateTime now)
    {
        EnsureNotFinished();
        if (Status != SyncRunStatus.Queued)
        {
            throw new DomainRuleException("Only a queued sync run can start.");
        }

        Status = SyncRunStatus.Running;
        StartedAt ??= now;
        Version = Guid.NewGuid();
    }

    public void AssignJob(string jobId) => JobId = jobId;

    /// <summary>
    /// The sweeper found the run dead (its job missing or failed, or its executor's lease lapsed): queue it again,
    /// or end it once it has been re-queued <paramref name="maxRequeues"/> times.
    /// </summary>
    /// <returns>True when the run was queued again (a job must be enqueued for it); false when it ended.</returns>
    public bool RequeueOrGiveUp(int maxRequeues, DateTime now)
    {
        EnsureNotFinished();
        if (Requeues >= maxRequeues)
        {
            var times = Requeues == 0 ? "once" : $"{Requeues + 1} times";
            Fail(Status == SyncRunStatus.Queued
                ? $"The sync never started: its background job was lost {times}. Start it again."
                : $"The sync was lost: the process running it stopped {times}. Start it again.", now);
            return false;
        }

        Requeues++;
        Status = SyncRunStatus.Queued;
        JobId = null;
        LastQueuedAt = now;
        Version = Guid.NewGuid();
        return true;
    }

    public void RecordPage(int fetched, int created, int updated, int skipped)
    {
        EnsureNotFinished();
        Pages++;
        Fetched += fetched;
        Created += created;
        Updated += updated;
        Skipped += skipped;
    }

    public void RecordSaturatedWindow() => SaturatedWindows++;

    /// <summary>Succeeded, or Partial when some calls could not be reached or read — never a silent loss.</summary>
    public void Complete(DateTime now)
    {
        EnsureNotFinished();
        if (SaturatedWindows > 0 || Skipped > 0)
        {
            Status = SyncRunStatus.Partial;
            Error = Truncate(PartialMessage());
        }
        else
        {
            Status = SyncRunStatus.Succeeded;
        }

        FinishedAt = now;
        Version = Guid.NewGuid();
    }

    public void Fail(string error, DateTime now)
    {
        if (IsFinished)
        {
            return;
        }

        Status = SyncRunStatus.Failed;
        Error = Truncate(error);
        FinishedAt = now;
        Version = Guid.NewGuid();
    }

    private string PartialMessage()
    {
        var parts = new List<string>();
        if (SaturatedWindows > 0)
        {
            parts.Add($"{SaturatedWindows} instant(s) hold a full page of calls Vapi cannot list past, so calls may be missing there");
        }

        if (Skipped > 0)
        {
            parts.Add($"{Skipped} item(s) from Vapi were not valid calls and were skipped");
        }

        return string.Join("; ", parts) + ".";
    }

    private void EnsureNotFinished()
    {
        if (IsFinished)
        {
            throw new DomainRuleException("This sync run has already finished.");
        }
    }

    private static string Truncate(string text) => text.Length <= ErrorMaxLength ? text : text[..ErrorMaxLength];
}
