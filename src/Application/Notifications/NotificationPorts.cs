namespace VapiAgents.Application.Notifications;

/// <summary>Sends one attempt of a delivery over its channel (HTTP for webhooks and Slack, SMTP for e-mail).</summary>
public interface INotificationTransport
{
    Task<NotificationAttemptResult> SendAsync(NotificationEnvelope envelope, CancellationToken cancellationToken);
}

/// <summary>Decides whether a user-supplied URL may be sent to (SSRF): the scheme and every address its host resolves to.</summary>
public interface IDestinationGuard
{
    /// <summary>Null when allowed; otherwise why not, in words fit for a field error (no secret in it).</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>Runs delivery attempts in the background, on whichever instance picks them up.</summary>
public interface INotificationJobQueue
{
    void Enqueue(Guid deliveryId);

    void Schedule(Guid deliveryId, TimeSpan delay);
}

/// <summary>
/// Counts a channel's failed attempts in a row, atomically in the database (several deliveries to one channel may
/// finish at the same moment on several instances, so a read-modify-write of the entity would lose counts).
/// </summary>
public interface INotificationChannelStreaks
{
    /// <summary>
    /// Records one attempt's outcome. Answers the streak exactly once per streak: when this failure made it failing and
    /// this call disabled the channel (the caller raises the channel.failing alert); otherwise null.
    /// </summary>
    Task<FailedStreak?> RecordAsync(Guid channelId, bool succeeded, DateTime now, CancellationToken cancellationToken);
}

/// <param name="Failures">Failed attempts in a row.</param>
/// <param name="StartedAt">When the streak's first failure happened: names the streak.</param>
public sealed record FailedStreak(int Failures, DateTime StartedAt);
