namespace VapiAgents.Application.Notifications;

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
