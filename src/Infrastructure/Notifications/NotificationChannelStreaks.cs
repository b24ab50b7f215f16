using Microsoft.EntityFrameworkCore;
using VapiAgents.Application.Notifications;
using VapiAgents.Domain.Notifications;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Notifications;

/// <summary>
/// The failure streak as single UPDATE statements: the increment is atomic on every provider, and the disabling update
/// is conditional on the channel still being enabled, so one caller per streak wins it.
/// </summary>
public sealed class NotificationChannelStreaks(ApplicationDbContext db) : INotificationChannelStreaks
{
    public async Task<FailedStreak?> RecordAsync(Guid channelId, bool succeeded, DateTime now, CancellationToken cancellationToken)
    {
        var channel = db.NotificationChannels.Where(c => c.Id == channelId);
        if (succeeded)
        {
            await channel.ExecuteUpdateAsync(set => set
                .SetProperty(c => c.ConsecutiveFailures, 0)
                .SetProperty(c => c.FailureStreakStartedAt, (DateTime?)null), cancellationToken);
            return null;
        }

        await channel.ExecuteUpdateAsync(set => set
            .SetProperty(c => c.ConsecutiveFailures, c => c.ConsecutiveFailures + 1)
            .SetProperty(c => c.FailureStreakStartedAt, c => c.FailureStreakStartedAt ?? now), cancellationToken);
        var state = await channel.AsNoTracking()
            .Select(c => new { c.ConsecutiveFailures, c.FailureStreakStartedAt, c.Enabled })
            .SingleOrDefaultAsync(cancellationToken);
        if (state is null || !state.Enabled || !NotificationChannel.StreakIsFailing(state.ConsecutiveFailures))
        {
            return null;
        }

        var disabled = await channel.Where(c => c.Enabled).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.Enabled, false)
            .SetProperty(c => c.DisabledReason, NotificationChannel.FailingStreakReason)
            .SetProperty(c => c.DisabledAt, now)
            .SetProperty(c => c.UpdatedAt, now), cancellationToken);
        return disabled == 1 ? new FailedStreak(state.ConsecutiveFailures, state.FailureStreakStartedAt ?? now) : null;
    }
}
