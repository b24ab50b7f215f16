using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Metrics;
using VapiAgents.Application.Sync;
using VapiAgents.Infrastructure.BackgroundJobs;
using VapiAgents.Infrastructure.Common;
using VapiAgents.Infrastructure.Identity;
using VapiAgents.Infrastructure.Notifications;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Persistence.Providers;
using VapiAgents.Infrastructure.Persistence.Repositories;
using VapiAgents.Infrastructure.Retention;
using VapiAgents.Infrastructure.Security;
using VapiAgents.Infrastructure.Sync;
using VapiAgents.Infrastructure.Usage;
using VapiAgents.Infrastructure.Usage.Read;
using VapiAgents.Infrastructure.Usage.Write;
using VapiAgents.Infrastructure.Vapi;

namespace VapiAgents.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var database = DatabaseSettings.Read(configuration, environment);
        services.AddSingleton(database);
        services.AddApplicationDbContext(database);
        services.AddScoped(typeof(IRepository<>), typeof(EfRepository<>));
        services.AddScoped(typeof(IReadRepository<>), typeof(EfRepository<>));
        services.AddScoped<IAgentListReader, AgentListReader>();

        // Read eagerly: a missing or malformed key stops start-up here, not at the first request.
        services.AddSingleton(EncryptionKeyRing.FromConfiguration(configuration));
        services.AddSingleton<ISecretProtector, AesGcmSecretProtector>();
        services.AddVapiClient();

        services.AddValidatedOptions<SyncOptions>(SyncOptions.Section, OptionsRules.Sync);
        services.AddValidatedOptions<Application.Common.Limits.LimitsOptions>(Application.Common.Limits.LimitsOptions.Section, OptionsRules.Limits);
        services.AddSingleton<UsageKeyRegistry>();
        services.AddScoped<IUsageStore, UsageStore>();
        services.AddScoped<Application.Pricing.IRevenueRepricer, RevenueRepricer>();
        services.AddScoped<ISyncLeases, DatabaseSyncLeases>();
        services.AddScoped<IAgentBookkeeping, AgentBookkeeping>();
        services.AddScoped<ISyncJobQueue, HangfireSyncJobQueue>();
        services.AddTransient<SyncRunJob>();
        services.AddTransient<ScheduledSyncJob>();
        services.AddTransient<ScheduledAgentSyncJob>();
        services.AddHostedService<RecurringSyncRegistration>();
        services.AddSingleton<ISyncJobStates, HangfireSyncJobStates>();
        services.AddHostedService<SyncRunSweeper>();
        services.AddSingleton<Application.Webhooks.IServerMessageReader, ServerMessageReader>();
        services.AddValidatedOptions<Application.Alerts.AlertOptions>(Application.Alerts.AlertOptions.Section, OptionsRules.Alerts);
        services.AddScoped<Application.Alerts.IAlertLog, Alerts.AlertLog>();
        services.AddScoped<Application.Alerts.IAgentCallHistory, Alerts.AgentCallHistory>();
        services.AddScoped<Application.Alerts.IAlertJobQueue, HangfireAlertJobQueue>();
        services.AddTransient<EvaluateAlertsJob>();
        services.AddTransient<ScheduledAlertEvaluationJob>();
        services.AddHostedService<RecurringAlertRegistration>();
        services.AddRetention();
        services.AddTransient<RetentionJob>();
        services.AddHostedService<RecurringRetentionRegistration>();
        services.AddNotificationDelivery();
        services.AddScoped<Application.Notifications.INotificationJobQueue, HangfireNotificationJobQueue>();
        services.AddScoped<Application.Notifications.INotificationChannelStreaks, NotificationChannelStreaks>();
        services.AddTransient<DeliverNotificationJob>();
        services.AddHostedService<NotificationDeliverySweeper>();
        services.AddScoped<IUsageReader, RollupUsageReader>();
        services.AddScoped<Application.Audit.IAuditTrail, AuditTrail>();
        services.AddScoped<Application.Metrics.ISeriesUsageReader, RollupSeriesReader>();
        services.AddScoped<Application.Metrics.ICallIntervalReader, CallIntervalReader>();
        services.AddScoped<ICallExportSource, CallExportSource>();
        services.AddScoped<Application.Metrics.Commands.RebuildRollups.IRollupRebuilder, RollupRebuilder>();

        services.AddIdentityAndTokens();
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyHealthCheck>("database", tags: ["ready"])
            .AddCheck<SyncJobsHealthCheck>("jobs", tags: ["ready"]);
        services.AddBackgroundJobs(configuration, database);
        services.AddHostedService<PendingJobsGauge>();
        return services;
    }
}
