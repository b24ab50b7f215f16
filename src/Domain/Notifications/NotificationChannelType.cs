namespace VapiAgents.Domain.Notifications;

/// <summary>How a channel delivers: a signed Standard Webhooks POST, a Slack incoming webhook, or an e-mail.</summary>
public enum NotificationChannelType
{
    Webhook,
    Slack,
    Email,
}
