using Hangfire;
using Mediator;
using VapiAgents.Application.Alerts;
using VapiAgents.Application.Alerts.Commands.EnqueueAlertEvaluations;
using VapiAgents.Application.Alerts.Commands.EvaluateAlerts;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>Queues alert evaluations on Hangfire's shared storage, so any instance may run them.</summary>
public sealed class HangfireAlertJobQueue(IBackgroundJobClient jobs) : IAlertJobQueue
{
    public void EnqueueEvaluation(string userId) => jobs.Enqueue<EvaluateAlertsJob>(job => job.RunAsync(userId, CancellationToken.None));
}

/// <summary>Evaluates one user's alerts. Not retried: the next trigger or the schedule evaluates again.</summary>
public sealed class EvaluateAlertsJob(ISender sender)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string userId, CancellationToken cancellationToken) =>
        await sender.Send(new EvaluateAlertsCommand(userId), cancellationToken);
}

/// <summary>The recurring job <c>evaluate-alerts</c>: queues one evaluation per user with agents.</summary>
public sealed class ScheduledAlertEvaluationJob(ISender sender)
{
    public const string RecurringJobId = "evaluate-alerts";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new EnqueueAlertEvaluationsCommand(), cancellationToken);
}
