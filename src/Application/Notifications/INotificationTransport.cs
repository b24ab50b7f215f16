namespace VapiAgents.Application.Notifications;

/// <summary>Sends one attempt of a delivery over its channel (HTTP for webhooks and Slack, SMTP for e-mail).</summary>
public interface INotificationTransport
{
    Task<NotificationAttemptResult> SendAsync(NotificationEnvelope envelope, CancellationToken cancellationToken);
}
