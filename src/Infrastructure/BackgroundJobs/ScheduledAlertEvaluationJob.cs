using Hangfire;
using Mediator;
using VapiAgents.Application.Alerts.Commands.EnqueueAlertEvaluations;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>The recurring job <c>evaluate-alerts</c>: queues one evaluation per user with agents.</summary>
public sealed class ScheduledAlertEvaluationJob(ISender sender)
{
    public const string RecurringJobId = "evaluate-alerts";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new EnqueueAlertEvaluationsCommand(), cancellationToken);
}
