using Hangfire;
using Hangfire.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Retention.Commands.PurgeExpiredRows;
using VapiAgents.Domain.Audit;
using VapiAgents.Domain.Notifications;
using VapiAgents.Domain.Usage;
using VapiAgents.Domain.Webhooks;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Retention;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using Xunit.Abstractions;

namespace VapiAgents.WebApi.FunctionalTests.Retention;

/// <summary>The daily purge: rows past each table's retention go in batches; newer rows and unfinished runs stay.</summary>
public sealed class RetentionTests(ITestOutputHelper output)
{
    private const int OldDeliveries = 2_345; // more than two batches of 1,000

    [SkippableFact]
    public async Task EveryPurgedTable_HasAnIndexLedByTheTimestampItIsPurgedBy()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Model;
        var policies = scope.ServiceProvider.GetServices<IRetentionPolicy>().ToList();

        policies.Should().NotBeEmpty();
        foreach (var policy in policies)
        {
            var entity = model.FindEntityType(policy.EntityType)!;
            entity.GetIndexes().Should().Contain(index => index.Properties[0].Name == policy.TimestampProperty,
                $"the purge of {policy.Table} deletes by {policy.TimestampProperty} in batches; without an index each batch scans the table");
        }
    }

    [SkippableTheory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task ThePurge_DeletesOnlyRowsPastTheirRetention_InBatches_AndNeverAnUnfinishedRun(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.RegisterAndLoginAsync();
        var agent = (await AgentApi.CreateAsync(user.Client, "Kept", AgentApi.NewKey("retention"))).Id();
        var now = DateTime.UtcNow;
        string userId;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            userId = (await db.Agents.AsNoTracking().SingleAsync(a => a.Id == agent)).UserId;
            for (var i = 0; i < OldDeliveries; i++)
            {
                db.WebhookDeliveries.Add(WebhookDelivery.Record(agent, userId, now.AddDays(-31).AddSeconds(-i), WebhookOutcome.Ignored, null, "status-update", null));
            }

            foreach (var days in new[] { 29, 1, 0 })
            {
                db.WebhookDeliveries.Add(WebhookDelivery.Record(agent, userId, now.AddDays(-days), WebhookOutcome.Ignored, null, "status-update", null));
            }

            foreach (var days in new[] { 366, 400, 364 })
            {
                db.AuditEvents.Add(AuditEvent.Record(AuditActions.AgentCreated, userId, userId, agent, $"aged {days}", null, now.AddDays(-days)));
            }

            db.SyncRuns.AddRange(
                Run(agent, userId, now.AddDays(-100), finish: true),
                Run(agent, userId, now.AddDays(-91), finish: true),
                Run(agent, userId, now.AddDays(-100), finish: false, start: false), // still queued: kept
                Run(agent, userId, now.AddDays(-100), finish: false, start: true), // still running: kept
                Run(agent, userId, now.AddDays(-89), finish: true));

            // Notification deliveries: an old finished one goes; an old one still pending (its retry due in an hour, so the
            // sweeper leaves it alone meanwhile) and a recent failed one stay.
            var channel = NotificationChannel.CreateEmail(Guid.CreateVersion7(), userId, "Inbox", "ops@example.com", null, now);
            db.NotificationChannels.Add(channel);
            var delivered = NotificationDelivery.Test(channel, now.AddDays(-31));
            delivered.RecordDelivered(null, now.AddDays(-31));
            var pending = NotificationDelivery.Test(channel, now.AddDays(-31));
            pending.RecordFailure(null, "mail server down", retryAt: now.AddHours(1));
            var recent = NotificationDelivery.Test(channel, now.AddDays(-29));
            recent.RecordFailure(null, "mail server down", retryAt: null);
            db.NotificationDeliveries.AddRange(delivered, pending, recent);
            await db.SaveChangesAsync();
        }

        IReadOnlyList<Application.Retention.PurgedTable> purged;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            purged = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeExpiredRowsCommand());
        }

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.AgentId == agent).Select(d => d.ReceivedAt).ToListAsync();
            var audit = await db.AuditEvents.AsNoTracking().Where(e => e.UserId == userId).Select(e => e.At).ToListAsync();
            var runs = await db.SyncRuns.AsNoTracking().Where(r => r.AgentId == agent).ToListAsync();
            output.WriteLine($"{provider}: " + string.Join("; ", purged.Select(p => $"{p.Table} deleted {p.Deleted} (> {p.Days} days)")) +
                             $"; kept deliveries {deliveries.Count}, audit {audit.Count}, runs {runs.Count}");

            var notifications = await db.NotificationDeliveries.AsNoTracking().Where(d => d.UserId == userId).Select(d => d.Status).ToListAsync();
            purged.Select(p => (p.Table, p.Deleted)).Should().Equal(
                ("WebhookDeliveries", OldDeliveries), ("AuditEvents", 2L), ("SyncRuns", 2L), ("NotificationDeliveries", 1L));
            notifications.Should().BeEquivalentTo([NotificationDeliveryStatus.Pending, NotificationDeliveryStatus.Failed]);
            deliveries.Should().HaveCount(3).And.OnlyContain(at => at > now.AddDays(-30));
            audit.Should().OnlyContain(at => at > now.AddDays(-365)).And.Contain(at => at < now.AddDays(-363), "the 364-day-old row stays");
            runs.Select(r => r.Status).Should().BeEquivalentTo([SyncRunStatus.Queued, SyncRunStatus.Running, SyncRunStatus.Succeeded]);
        }

        using var connection = app.Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        connection.GetRecurringJobs().Should().Contain(j => j.Id == "purge-expired-rows" && j.Cron == "40 3 * * *", "the purge runs daily");
    }

    private static SyncRun Run(Guid agent, string userId, DateTime queuedAt, bool finish, bool start = true)
    {
        var run = SyncRun.Queue(Guid.CreateVersion7(), agent, userId, SyncTrigger.Manual, SyncMode.Incremental, queuedAt.AddDays(-1), queuedAt, queuedAt);
        if (start)
        {
            run.Start(queuedAt.AddSeconds(1));
        }

        if (finish)
        {
            run.Complete(queuedAt.AddSeconds(2));
        }

        return run;
    }
}
