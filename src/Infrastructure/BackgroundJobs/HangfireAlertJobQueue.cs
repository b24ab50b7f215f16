using Hangfire;
using VapiAgents.Application.Alerts;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>Queues alert evaluations on Hangfire's shared storage, so any instance may run them.</summary>
public sealed class HangfireAlertJobQueue(IBackgroundJobClient jobs) : IAlertJobQueue
{
    public void EnqueueEvaluation(string userId) => jobs.Enqueue<EvaluateAlertsJob>(job => job.RunAsync(userId, CancellationToken.None));
}
