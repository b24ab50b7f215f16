using Mediator;
using Microsoft.Extensions.Logging;
using VapiAgents.Application.Alerts.Commands.EvaluateAlerts;

namespace VapiAgents.Application.Alerts;

/// <summary>
/// Evaluates a user's alerts right after a sync run, in the run's own scope, so they exist when a waiting sync
/// answers. Best effort: an evaluation that fails is logged and never fails the sync (the schedule catches up).
/// </summary>
public sealed class AlertTrigger(ISender sender, ILogger<AlertTrigger> logger)
{
    public async Task AfterSyncAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new EvaluateAlertsCommand(userId), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Evaluating alerts after a sync failed; the schedule evaluates them again");
        }
    }
}
