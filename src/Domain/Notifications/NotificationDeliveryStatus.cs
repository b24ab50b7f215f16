namespace VapiAgents.Domain.Notifications;

/// <summary>pending: still to be (re)tried; delivered: a 2xx answer (or the mail server took it); failed: given up.</summary>
public enum NotificationDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}
