using System.Linq.Expressions;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Retention;
using VapiAgents.Domain.Audit;
using VapiAgents.Domain.Notifications;
using VapiAgents.Domain.Usage;
using VapiAgents.Domain.Webhooks;
using VapiAgents.Infrastructure.Common;

namespace VapiAgents.Infrastructure.Retention;

/// <summary>The registry of tables under retention: a new table is one line in <see cref="AddRetention"/>.</summary>
public static class RetentionRegistration
{
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddValidatedOptions<RetentionOptions>(RetentionOptions.Section, OptionsRules.Retention);
        services.AddScoped<IExpiredRowPurger, ExpiredRowPurger>();
        services.AddRetentionPolicy<WebhookDelivery>("WebhookDeliveries", o => o.InboundWebhookDeliveriesDays, d => d.ReceivedAt);
        services.AddRetentionPolicy<AuditEvent>("AuditEvents", o => o.AuditDays, e => e.At);
        services.AddRetentionPolicy<SyncRun>("SyncRuns", o => o.SyncRunsDays, r => r.QueuedAt,
            keep: r => r.Status == SyncRunStatus.Queued || r.Status == SyncRunStatus.Running);
        services.AddRetentionPolicy<NotificationDelivery>("NotificationDeliveries", o => o.NotificationDeliveriesDays, d => d.CreatedAt,
            keep: d => d.Status == NotificationDeliveryStatus.Pending);
        return services;
    }

    public static IServiceCollection AddRetentionPolicy<TEntity>(
        this IServiceCollection services, string table, Func<RetentionOptions, int> days,
        Expression<Func<TEntity, DateTime>> timestamp, Expression<Func<TEntity, bool>>? keep = null) where TEntity : class =>
        services.AddSingleton<IRetentionPolicy>(new RetentionPolicy<TEntity>(table, days, timestamp, keep));
}
