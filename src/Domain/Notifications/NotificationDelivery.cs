using VapiAgents.Domain.Alerts;
using VapiAgents.Domain.Common;

namespace VapiAgents.Domain.Notifications;

/// <summary>
/// One event to send to one channel (an outbox row): written with the alert it announces, in the same transaction,
/// and worked off by jobs. The row, not the job, says what is left to do: a job claims it by moving
/// <see cref="NextAttemptAt"/> forward and changing <see cref="Version"/> (a concurrency token), so two jobs for the
/// same row never send at once, and a lost job is replaced by the sweeper. <see cref="EventId"/> is the
/// <c>webhook-id</c> of every attempt, so receivers can drop duplicates.
/// </summary>
public sealed class NotificationDelivery : IAggregateRoot
{
    public const string TestKind = "test";
    public const int EventIdMaxLength = 40;
    public const int ErrorMaxLength = 300;

    private NotificationDelivery()
    {
        UserId = "";
        EventId = "";
        Kind = "";
    }

    public Guid Id { get; private set; }

    public Guid ChannelId { get; private set; }

    public string UserId { get; private set; }

    /// <summary>The alert announced; null for a test event.</summary>
    public Guid? AlertId { get; private set; }

    /// <summary>The Standard Webhooks <c>webhook-id</c>: the same on every attempt.</summary>
    public string EventId { get; private set; }

    /// <summary>The alert kind's name, or "test".</summary>
    public string Kind { get; private set; }

    public NotificationDeliveryStatus Status { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>When the next attempt is due; while a job holds the row, the end of its claim.</summary>
    public DateTime NextAttemptAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    /// <summary>A short reason for the last failure; never the receiver's answer body.</summary>
    public string? LastError { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? DeliveredAt { get; private set; }

    public Guid Version { get; private set; }

    public static NotificationDelivery ForAlert(NotificationChannel channel, Alert alert, DateTime now) =>
        New(channel, alert.Id, AlertKinds.Name(alert.Kind), now);

    public static NotificationDelivery Test(NotificationChannel channel, DateTime now) => New(channel, null, TestKind, now);

    private static NotificationDelivery New(NotificationChannel channel, Guid? alertId, string kind, DateTime now)
    {
        var id = Guid.CreateVersion7();
        return new NotificationDelivery
        {
            Id = id,
            ChannelId = channel.Id,
            UserId = channel.UserId,
            AlertId = alertId,
            EventId = $"msg_{id:N}",
            Kind = kind,
            Status = NotificationDeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            Version = Guid.NewGuid(),
        };
    }

    public bool IsDue(DateTime now) => Status == NotificationDeliveryStatus.Pending && NextAttemptAt <= now;

    /// <summary>
    /// Takes the row for one attempt until <paramref name="claimUntil"/>: no other job or sweep touches it before then
    /// (saving the claim fails on a stale <see cref="Version"/> if another job claimed it first).
    /// </summary>
    public bool TryClaim(DateTime now, DateTime claimUntil)
    {
        if (!IsDue(now))
        {
            return false;
        }

        NextAttemptAt = claimUntil;
        Version = Guid.NewGuid();
        return true;
    }

    public void RecordDelivered(int? statusCode, DateTime now)
    {
        Attempts++;
        Status = NotificationDeliveryStatus.Delivered;
        LastStatusCode = statusCode;
        LastError = null;
        DeliveredAt = now;
        Version = Guid.NewGuid();
    }

    /// <param name="retryAt">When to try again; null gives up (the delivery fails).</param>
    public void RecordFailure(int? statusCode, string error, DateTime? retryAt)
    {
        Attempts++;
        LastStatusCode = statusCode;
        LastError = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
        if (retryAt is { } at)
        {
            NextAttemptAt = at;
        }
        else
        {
            Status = NotificationDeliveryStatus.Failed;
        }

        Version = Guid.NewGuid();
    }

    /// <summary>Gives up without an attempt (the channel was disabled or deleted meanwhile).</summary>
    public void Abandon(string reason)
    {
        Status = NotificationDeliveryStatus.Failed;
        LastError = reason.Length > ErrorMaxLength ? reason[..ErrorMaxLength] : reason;
        Version = Guid.NewGuid();
    }
}
