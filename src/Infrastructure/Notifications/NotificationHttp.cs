using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VapiAgents.Application.Notifications;
using VapiAgents.Infrastructure.Common;

namespace VapiAgents.Infrastructure.Notifications;

/// <summary>
/// The HTTP client that talks to user-supplied receivers: 10 s per attempt, no redirects, no trace-context headers
/// (receivers are strangers), the SSRF guard in its connect callback, and no request logging (the URL carries tokens).
/// </summary>
public static class NotificationHttp
{
    public const string ClientName = "notifications";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Marks requests the HttpClient trace instrumentation must skip: their URL is a secret.</summary>
    public static readonly HttpRequestOptionsKey<bool> Untraced = new("vapiagents.untraced");

    public static IServiceCollection AddNotificationDelivery(this IServiceCollection services)
    {
        services.AddValidatedOptions<NotificationOptions>(NotificationOptions.Section, OptionsRules.Notifications);
        services.AddOptions<NotificationLimits>().BindConfiguration(NotificationLimits.Section);
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        services.TryAddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        services.AddSingleton<DestinationGuard>();
        services.AddSingleton<IDestinationGuard>(provider => provider.GetRequiredService<DestinationGuard>());
        services.AddScoped<INotificationTransport, NotificationTransport>();
        services.AddHttpClient(ClientName, client => client.Timeout = Timeout)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                ConnectTimeout = Timeout,
                AutomaticDecompression = DecompressionMethods.None,
                // Null: this handler adds no traceparent/tracestate headers, whatever the process-wide propagator.
                ActivityHeadersPropagator = null,
                ConnectCallback = provider.GetRequiredService<DestinationGuard>().ConnectAsync,
            })
            .RemoveAllLoggers();
        return services;
    }
}
