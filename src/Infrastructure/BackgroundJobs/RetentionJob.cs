using Hangfire;
using Mediator;
using VapiAgents.Application.Retention.Commands.PurgeExpiredRows;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>The daily purge of rows past their retention. Not retried: tomorrow's run deletes what today's left.</summary>
public sealed class RetentionJob(ISender sender)
{
    public const string RecurringJobId = "purge-expired-rows";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new PurgeExpiredRowsCommand(), cancellationToken);
}
