using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace VapiAgents.Application;

public static class DependencyInjection
{
    /// <param name="autoMapperLicenseKey">Configuration <c>AutoMapper:LicenseKey</c>; optional (see docs/adr/002).</param>
    public static IServiceCollection AddApplication(this IServiceCollection services, string? autoMapperLicenseKey)
    {
        // Singletons: FluentValidation builds a validator's rules in its constructor, which was 5 % of a metrics request's
        // CPU when every request made them again; the validators keep no state and depend only on singletons.
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddAutoMapper(cfg => cfg.LicenseKey = autoMapperLicenseKey, typeof(DependencyInjection).Assembly);
        services.AddSingleton(TimeProvider.System);
        services.AddTransient<Sync.Paging.VapiCallPager>(provider => new Sync.Paging.VapiCallPager(
            provider.GetRequiredService<Common.Vapi.IVapiClient>(),
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Sync.SyncOptions>>().Value));
        services.AddScoped<Sync.SyncRunExecutor>();
        services.AddScoped<Sync.SyncPagePipeline>();
        services.AddSingleton<Common.Telemetry.VapiAgentsTelemetry>();
        services.AddScoped<Metrics.MetricsScopeResolver>();
        services.AddScoped<Budgets.BudgetSpending>();
        services.AddScoped<Alerts.AlertTrigger>();
        services.AddScoped<Notifications.NotificationOutbox>();
        services.AddScoped<Agents.AgentKeyVerifier>();
        return services;
    }
}
