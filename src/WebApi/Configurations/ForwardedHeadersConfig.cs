using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using VapiAgents.Infrastructure.Common;

namespace VapiAgents.WebApi.Configurations;

/// <summary>
/// Configuration section <c>ForwardedHeaders</c>: the proxies whose X-Forwarded-For/Proto/Host are believed.
/// With none configured no forwarded header is believed, not even from loopback (ASP.NET's default trusts it).
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the load balancers or proxies in front of the app, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of them in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

public static class ForwardedHeadersConfig
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        // Checked while services are registered, so a typo stops start-up instead of silently trusting nobody (or everybody).
        var trusted = configuration.Read<TrustedProxyOptions>(TrustedProxyOptions.Section, WebApiOptionsRules.ForwardedHeaders);
        var proxies = trusted.KnownProxies.Select(IPAddress.Parse).ToList();
        var networks = trusted.KnownNetworks.Select(n => System.Net.IPNetwork.Parse(n)).ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Empty lists would make the middleware believe every sender, so with none configured it reads no header at all.
            options.ForwardedHeaders = proxies.Count + networks.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            // The obsolete list is a separate one that still holds 127.0.0.0/8 by default, and the middleware reads both.
#pragma warning disable ASPDEPR005
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }
}
