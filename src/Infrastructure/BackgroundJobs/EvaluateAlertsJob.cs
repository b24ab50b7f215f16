using Hangfire;
using Mediator;
using VapiAgents.Application.Alerts.Commands.EvaluateAlerts;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>Evaluates one user's alerts. Not retried: the next trigger or the schedule evaluates again.</summary>
public sealed class EvaluateAlertsJob(ISender sender)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string userId, CancellationToken cancellationToken) =>
        await sender.Send(new EvaluateAlertsCommand(userId), cancellationToken);
}
