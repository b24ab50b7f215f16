using System.Diagnostics;
using Hangfire.Common;
using Hangfire.Server;
using VapiAgents.Application.Common.Telemetry;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>A span around every Hangfire job: its type, method and id, failed when the job throws.</summary>
public sealed class JobTracingFilter : IServerFilter
{
    private const string SpanKey = "vapiagents.span";

    /// <summary>
    /// The server's filters: the global ones plus this, given to one server only — not added to Hangfire's
    /// process-wide <c>GlobalJobFilters</c>, so hosts side by side (tests) do not stack it.
    /// </summary>
    public static IJobFilterProvider WithGlobalFilters() =>
        new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { new JobTracingFilter() });

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        var span = VapiAgentsTelemetry.Source.StartActivity($"job {job.Type.Name}.{job.Method.Name}", ActivityKind.Internal);
        span?.SetTag("hangfire.job.id", context.BackgroundJob.Id);
        span?.SetTag("hangfire.job.type", job.Type.Name);
        context.Items[SpanKey] = span;
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(SpanKey, out var value) && value is Activity span)
        {
            if (context.Exception is { } exception && !context.ExceptionHandled)
            {
                span.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            }

            span.Dispose();
        }
    }
}
