namespace VapiAgents.Application.Retention;

/// <summary>Configuration section <c>Retention</c>: how long rows of each growing table are kept (see docs/adr/029). 0 keeps for ever.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Run the daily purge.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Cron (UTC) of the purge; a quiet hour by default.</summary>
    public string Schedule { get; set; } = "40 3 * * *";

    /// <summary>Rows deleted per statement: each statement is its own short transaction, so no long lock.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Webhook deliveries (accepted and refused) older than this many days go.</summary>
    public int InboundWebhookDeliveriesDays { get; set; } = 30;

    /// <summary>Audit events older than this many days go.</summary>
    public int AuditDays { get; set; } = 365;

    /// <summary>Finished sync runs queued more than this many days ago go; a queued or running run is never deleted.</summary>
    public int SyncRunsDays { get; set; } = 90;

    /// <summary>Finished notification deliveries created more than this many days ago go; a pending one is never deleted.</summary>
    public int NotificationDeliveriesDays { get; set; } = 30;
}
