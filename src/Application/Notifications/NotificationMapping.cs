using VapiAgents.Domain.Alerts;
using VapiAgents.Domain.Notifications;

namespace VapiAgents.Application.Notifications;

public static class NotificationMapping
{
    public static string TypeName(NotificationChannelType type) => type switch
    {
        NotificationChannelType.Webhook => "webhook",
        NotificationChannelType.Slack => "slack",
        NotificationChannelType.Email => "email",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool TryParseType(string? name, out NotificationChannelType type)
    {
        foreach (var candidate in Enum.GetValues<NotificationChannelType>())
        {
            if (string.Equals(TypeName(candidate), name, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    public static string StatusName(NotificationDeliveryStatus status) => status switch
    {
        NotificationDeliveryStatus.Pending => "pending",
        NotificationDeliveryStatus.Delivered => "delivered",
        _ => "failed",
    };

    public static NotificationChannelDto ToDto(NotificationChannel channel) => new(
        channel.Id, channel.Name, TypeName(channel.Type), channel.Type == NotificationChannelType.Email ? null : channel.UrlHint,
        channel.Email, [.. channel.Kinds.Select(AlertKinds.Name)], channel.Enabled, channel.DisabledReason, channel.DisabledAt,
        channel.CreatedAt, channel.UpdatedAt);

    public static NotificationDeliveryDto ToDto(NotificationDelivery delivery) => new(
        delivery.Id, delivery.EventId, delivery.Kind, delivery.AlertId, StatusName(delivery.Status), delivery.Attempts,
        delivery.LastStatusCode, delivery.LastError, delivery.CreatedAt, delivery.DeliveredAt,
        delivery.Status == NotificationDeliveryStatus.Pending ? delivery.NextAttemptAt : null);

    /// <summary>"https://hooks.example.com/…abcd": scheme and host to recognise it, the last four characters to tell two apart.</summary>
    public static string UrlHint(Uri url)
    {
        var text = url.OriginalString;
        return $"{url.Scheme}://{url.Host}/…{(text.Length <= 4 ? text : text[^4..])}";
    }
}
