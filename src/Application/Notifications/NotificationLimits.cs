namespace VapiAgents.Application.Notifications;

/// <summary>The notification limits of configuration section <c>Limits</c>.</summary>
public sealed class NotificationLimits
{
    public const string Section = "Limits";

    public int MaxChannelsPerUser { get; set; } = 10;
}
