using Ardalis.Specification;

namespace VapiAgents.Domain.Notifications.Specifications;

/// <summary>One of the user's channels; unknown and other users' ids miss alike.</summary>
public sealed class NotificationChannelByIdForUserSpec : SingleResultSpecification<NotificationChannel>
{
    public NotificationChannelByIdForUserSpec(Guid id, string userId) => Query.Where(c => c.Id == id && c.UserId == userId);
}

/// <summary>A channel by id, whoever owns it (for the delivery job, which runs for no signed-in user).</summary>
public sealed class NotificationChannelByIdSpec : SingleResultSpecification<NotificationChannel>
{
    public NotificationChannelByIdSpec(Guid id) => Query.Where(c => c.Id == id);
}

/// <summary>The user's channels, oldest first; optionally only the enabled ones.</summary>
public sealed class NotificationChannelsForUserSpec : Specification<NotificationChannel>
{
    public NotificationChannelsForUserSpec(string userId, bool enabledOnly = false)
    {
        Query.Where(c => c.UserId == userId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id);
        if (enabledOnly)
        {
            Query.Where(c => c.Enabled);
        }
    }
}

public sealed class NotificationDeliveryByIdSpec : SingleResultSpecification<NotificationDelivery>
{
    public NotificationDeliveryByIdSpec(Guid id) => Query.Where(d => d.Id == id);
}

/// <summary>A channel's deliveries, newest first.</summary>
public sealed class NotificationDeliveriesForChannelSpec : Specification<NotificationDelivery>
{
    public NotificationDeliveriesForChannelSpec(Guid channelId, string userId, int take) =>
        Query.Where(d => d.ChannelId == channelId && d.UserId == userId).OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(take);
}

/// <summary>Pending deliveries whose next attempt was due before <c>dueBefore</c>: their job was lost, or is late.</summary>
public sealed class OverdueNotificationDeliveriesSpec : Specification<NotificationDelivery, Guid>
{
    public OverdueNotificationDeliveriesSpec(DateTime dueBefore, int take)
    {
        Query.Where(d => d.Status == NotificationDeliveryStatus.Pending && d.NextAttemptAt <= dueBefore)
            .OrderBy(d => d.NextAttemptAt).Take(take);
        Query.Select(d => d.Id);
    }
}

/// <summary>Channels with a URL or signing secret sealed with another key than the active one (for key rotation).</summary>
public sealed class NotificationChannelsSealedWithOtherKeySpec : Specification<NotificationChannel>
{
    /// <param name="skipped">Channels already passed over (a secret no key can unseal): left out so the batches move on.</param>
    public NotificationChannelsSealedWithOtherKeySpec(string activeKeyId, int take, IReadOnlyCollection<Guid>? skipped = null)
    {
        Query.Where(c => (c.Url != null && c.Url.KeyId != activeKeyId) || (c.SigningSecret != null && c.SigningSecret.KeyId != activeKeyId));
        if (skipped is { Count: > 0 })
        {
            Query.Where(c => !skipped.Contains(c.Id));
        }

        Query.OrderBy(c => c.Id).Take(take);
    }
}
