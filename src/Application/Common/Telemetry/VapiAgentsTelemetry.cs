using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VapiAgents.Application.Common.Telemetry;

/// <summary>
/// The product's own spans and instruments, in one place so every feature records into the same names
/// (docs/operations.md lists them). Tags never carry keys, secrets or phone numbers.
/// </summary>
public sealed class VapiAgentsTelemetry
{
    public const string Name = "VapiAgents";

    /// <summary>Spans of the product's own work (a sync run, a Hangfire job).</summary>
    public static readonly ActivitySource Source = new(Name);

    public VapiAgentsTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        SyncRuns = meter.CreateCounter<long>("vapiagents.sync.runs", "{run}", "Sync runs ended, by trigger and outcome.");
        SyncCalls = meter.CreateCounter<long>("vapiagents.sync.calls", "{call}", "Calls read from Vapi by sync runs.");
        SyncDuration = meter.CreateHistogram<double>("vapiagents.sync.duration", "s", "How long sync runs took, by trigger and outcome.");
        VapiRequests = meter.CreateCounter<long>("vapiagents.vapi.requests", "{request}", "Requests to Vapi's API, by status class (2xx, 4xx, 429, 5xx, error).");
        WebhooksReceived = meter.CreateCounter<long>("vapiagents.webhooks.received", "{message}", "Vapi server messages received, by outcome.");
        AlertsFired = meter.CreateCounter<long>("vapiagents.alerts.fired", "{alert}", "Alerts fired, by kind.");
        NotificationsDelivered = meter.CreateCounter<long>("vapiagents.notifications.delivered", "{notification}", "Notification deliveries, by channel and outcome.");
        _meter = meter;
    }

    private readonly Meter _meter;

    public Counter<long> SyncRuns { get; }

    public Counter<long> SyncCalls { get; }

    public Histogram<double> SyncDuration { get; }

    public Counter<long> VapiRequests { get; }

    public Counter<long> WebhooksReceived { get; }

    public Counter<long> AlertsFired { get; }

    public Counter<long> NotificationsDelivered { get; }

    /// <summary>Background jobs waiting to run; <paramref name="observe"/> is asked at each collection.</summary>
    public void ObservePendingJobs(Func<long> observe) =>
        _meter.CreateObservableGauge("vapiagents.jobs.pending", observe, "{job}", "Background jobs enqueued or scheduled, not yet running.");

    /// <summary>Records a finished sync run on its span and in the instruments.</summary>
    public void RecordSyncRun(Activity? span, string trigger, string outcome, int pages, int calls, TimeSpan duration)
    {
        var tags = new TagList { { "trigger", trigger }, { "outcome", outcome } };
        SyncRuns.Add(1, tags);
        SyncCalls.Add(calls, new KeyValuePair<string, object?>("trigger", trigger));
        SyncDuration.Record(duration.TotalSeconds, tags);
        span?.SetTag("vapiagents.sync.outcome", outcome);
        span?.SetTag("vapiagents.sync.pages", pages);
        span?.SetTag("vapiagents.sync.calls", calls);
        if (outcome == "failed")
        {
            span?.SetStatus(ActivityStatusCode.Error);
        }
    }
}
