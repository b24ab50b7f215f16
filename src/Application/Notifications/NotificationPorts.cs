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
