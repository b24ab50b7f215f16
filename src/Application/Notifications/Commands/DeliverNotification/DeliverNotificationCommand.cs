using System.Globalization;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Alerts;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Common.Telemetry;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Alerts;
using VapiAgents.Domain.Notifications;
using VapiAgents.Domain.Notifications.Specifications;

namespace VapiAgents.Application.Notifications.Commands.DeliverNotification;

/// <summary>
/// One attempt of one delivery, sent by its job: claims the row, sends, records the outcome on the row and the
/// channel. Any number of jobs for the same row may run anywhere; only the one that claims it sends.
/// </summary>
public sealed record DeliverNotificationCommand(Guid DeliveryId) : ICommand;

public sealed partial class DeliverNotificationCommandHandler(
    IRepository<NotificationDelivery> deliveries,
    IRepository<NotificationChannel> channels,
    INotificationChannelStreaks streaks,
    IReadRepository<Alert> alerts,
    IReadRepository<VapiAgent> agents,
    ISecretProtector protector,
    INotificationTransport transport,
    INotificationJobQueue jobs,
    IAlertLog alertLog,
    NotificationOutbox outbox,
    IOptions<NotificationOptions> options,
    VapiAgentsTelemetry telemetry,
    TimeProvider clock,
    ILogger<DeliverNotificationCommandHandler> logger) : ICommandHandler<DeliverNotificationCommand>
{
    public async ValueTask<Unit> Handle(DeliverNotificationCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var delivery = await deliveries.SingleOrDefaultAsync(new NotificationDeliveryByIdSpec(command.DeliveryId), cancellationToken);
        if (delivery is null || !delivery.TryClaim(now, now.AddSeconds(Math.Max(15, settings.ClaimSeconds))))
        {
            return Unit.Value; // Done, deleted, or not due yet: its own job or the sweeper comes back for it.
        }

        try
        {
            await deliveries.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return Unit.Value; // Another job claimed it first.
        }

        var channel = await channels.SingleOrDefaultAsync(new NotificationChannelByIdSpec(delivery.ChannelId), cancellationToken);
        // A disabled channel gets nothing more, except a test event asked for while it was already disabled (to check
        // the receiver before re-enabling it).
        var testOfDisabled = delivery.Kind == NotificationDelivery.TestKind && channel?.DisabledAt is { } disabledAt && delivery.CreatedAt >= disabledAt;
        if (channel is null || (!channel.Enabled && !testOfDisabled))
        {
            delivery.Abandon(channel is null ? "The channel was deleted." : "The channel is disabled.");
            await deliveries.SaveChangesAsync(cancellationToken);
            Count(channel?.Type, "abandoned");
            return Unit.Value;
        }

        var result = await SendAsync(delivery, channel, cancellationToken);
        now = clock.GetUtcNow().UtcDateTime;
        string outcome;
        TimeSpan? retryIn = null;
        if (result.Delivered)
        {
            delivery.RecordDelivered(result.StatusCode, now);
            outcome = "delivered";
        }
        else if (result.StatusCode == 410)
        {
            delivery.RecordFailure(410, "410 Gone: the receiver is gone; the channel was disabled.", retryAt: null);
            channel.Disable("The receiver answered 410 Gone.", now);
            outcome = "failed";
        }
        else if (result.Permanent || delivery.Attempts + 1 >= Math.Max(1, settings.MaxAttempts))
        {
            delivery.RecordFailure(result.StatusCode, result.Error ?? "Failed.", retryAt: null);
            outcome = "failed";
        }
        else
        {
            var delay = settings.RetryDelay(delivery.Attempts + 1, Random.Shared.NextDouble());
            delivery.RecordFailure(result.StatusCode, result.Error ?? "Failed.", now + delay);
            retryIn = delay;
            outcome = "retrying";
        }

        await deliveries.SaveChangesAsync(cancellationToken);
        var streakEnded = await streaks.RecordAsync(channel.Id, result.Delivered, now, cancellationToken);

        // Queued after the streak is counted, so a retry never starts before a failing streak disabled its channel.
        // Should this process die before queueing, the row is pending and due: the sweeper queues it.
        if (retryIn is { } wait)
        {
            jobs.Schedule(delivery.Id, wait);
        }

        Count(channel.Type, outcome);
        LogAttempt(logger, delivery.Id, channel.Id, delivery.Attempts, result.StatusCode, outcome);
        if (streakEnded is not null)
        {
            await RaiseChannelFailingAsync(channel, streakEnded, now, cancellationToken);
        }

        return Unit.Value;
    }

    private async Task<NotificationAttemptResult> SendAsync(NotificationDelivery delivery, NotificationChannel channel, CancellationToken cancellationToken)
    {
        AlertDto? alert = null;
        string? agentName = null;
        if (delivery.AlertId is { } alertId && await alerts.GetByIdAsync(alertId, cancellationToken) is { } stored)
        {
            alert = AlertMapping.ToDto(stored);
            if (stored.AgentId is { } agentId)
            {
                agentName = (await agents.GetByIdAsync(agentId, cancellationToken))?.Name;
            }
        }

        var title = alert is null
            ? "VapiAgents test notification"
            : $"VapiAgents alert{(agentName is null ? "" : $" for {agentName}")}: {alert.Kind}";
        var text = alert?.Message ?? $"This is a test event for the channel \"{channel.Name}\". If you can read it, alerts will reach you here.";
        SecretValue? url;
        SecretValue? secret;
        try
        {
            url = channel.Url is null ? null : protector.Unseal(channel.Url, SecretPurpose.NotificationUrl, channel.Id);
            secret = channel.SigningSecret is null ? null : protector.Unseal(channel.SigningSecret, SecretPurpose.NotificationSigningSecret, channel.Id);
        }
        catch (SecretUnsealException)
        {
            return new NotificationAttemptResult(false, null, "The channel's stored URL or secret could not be opened (encryption key missing).", Permanent: true);
        }

        var envelope = new NotificationEnvelope(
            channel.Type, url, channel.Email, secret, delivery.EventId, delivery.Kind, alert?.CreatedAt ?? delivery.CreatedAt, alert, agentName, title, text);
        return await transport.SendAsync(envelope, cancellationToken);
    }

    /// <summary>One channel.failing alert per streak (its key names the streak), delivered to the user's other channels only.</summary>
    private async Task RaiseChannelFailingAsync(NotificationChannel channel, FailedStreak failed, DateTime now, CancellationToken cancellationToken)
    {
        var streak = failed.StartedAt.ToString("yyyyMMdd'T'HHmmss.fffffff", CultureInfo.InvariantCulture);
        var alert = Alert.ChannelFailing(channel.UserId, channel.Id, streak, failed.Failures,
            $"Notification channel \"{channel.Name}\" was disabled: its last {failed.Failures} delivery attempts failed. Fix the receiver and re-enable it.", now);
        var others = NotificationOutbox.DeliveriesFor(alert, await outbox.EnabledChannelsAsync(channel.UserId, cancellationToken), now);
        if (await alertLog.TryAddAsync(alert, others, cancellationToken))
        {
            telemetry.AlertsFired.Add(1, new KeyValuePair<string, object?>("kind", AlertKinds.Name(AlertKind.ChannelFailing)));
            outbox.Enqueue(others);
        }
    }

    private void Count(NotificationChannelType? type, string outcome) =>
        telemetry.NotificationsDelivered.Add(1,
            new KeyValuePair<string, object?>("channel", type is { } t ? NotificationMapping.TypeName(t) : "deleted"),
            new KeyValuePair<string, object?>("outcome", outcome));

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification delivery {DeliveryId} to channel {ChannelId}: attempt {Attempt}, status {StatusCode}, {Outcome}")]
    private static partial void LogAttempt(ILogger logger, Guid deliveryId, Guid channelId, int attempt, int? statusCode, string outcome);
}
