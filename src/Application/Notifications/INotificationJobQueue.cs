namespace VapiAgents.Application.Notifications;

/// <summary>Runs delivery attempts in the background, on whichever instance picks them up.</summary>
public interface INotificationJobQueue
{
    void Enqueue(Guid deliveryId);

    void Schedule(Guid deliveryId, TimeSpan delay);
}
