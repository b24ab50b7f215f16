using System.Net;
using VapiAgents.Infrastructure.Common;

namespace VapiAgents.WebApi.Configurations;

/// <summary>
/// What makes the web host's options sections valid (the rest are in <c>OptionsRules</c>, next to their options);
/// every problem names its key as it is written in configuration.
/// </summary>
public static class WebApiOptionsRules
{
    public static IEnumerable<string> RateLimits(RateLimitOptions options, string section) =>
        OptionsRules.AtLeast(section, 1,
            ("ExpensivePerMinute", options.ExpensivePerMinute), ("SignInPerMinute", options.SignInPerMinute), ("WebhooksPerMinute", options.WebhooksPerMinute));

    /// <summary>
    /// A browser's Origin header is scheme, host and port only, so an entry with a path, query or trailing slash
    /// (or no scheme) would never match and silently refuse the site it was meant to allow.
    /// </summary>
    public static IEnumerable<string> Cors(CorsOriginsOptions options, string section) =>
        options.AllowedOrigins.Select((origin, i) => (origin, i))
            .Where(o => !IsOrigin(o.origin))
            .Select(o => $"{section}:AllowedOrigins:{o.i} '{o.origin}' must be an absolute http or https origin (scheme, host and port, no path), e.g. https://app.example.com.");

    public static IEnumerable<string> ForwardedHeaders(TrustedProxyOptions options, string section) =>
        options.KnownProxies.Select((proxy, i) => (proxy, i))
            .Where(p => !IPAddress.TryParse(p.proxy, out _))
            .Select(p => $"{section}:KnownProxies:{p.i} '{p.proxy}' is not an IP address.")
            .Concat(options.KnownNetworks.Select((network, i) => (network, i))
                .Where(n => !IPNetwork.TryParse(n.network, out _))
                .Select(n => $"{section}:KnownNetworks:{n.i} '{n.network}' is not a network in CIDR notation, e.g. 10.0.0.0/24."));

    private static bool IsOrigin(string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && string.IsNullOrEmpty(uri.UserInfo)
        && uri.PathAndQuery == "/" && string.IsNullOrEmpty(uri.Fragment)
        && !origin.EndsWith('/');
}
