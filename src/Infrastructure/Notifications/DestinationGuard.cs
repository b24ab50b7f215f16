using System.Net;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Notifications;

namespace VapiAgents.Infrastructure.Notifications;

/// <summary>
/// The SSRF guard (ADR 028): the check at creation (every address of the host must be public) and the one at send
/// time (<see cref="ConnectAsync"/>: only public addresses are connected, so a name that changed its answer since
/// creation is still refused). <c>Notifications:AllowPrivateNetworks</c> lifts the address rules, never the scheme rule.
/// </summary>
public sealed class DestinationGuard(IHostAddressResolver resolver, IOptions<NotificationOptions> options) : IDestinationGuard
{
    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            return "url must be an http or https URL.";
        }

        IReadOnlyList<IPAddress> addresses;
        try
        {
            addresses = await resolver.ResolveAsync(url.DnsSafeHost, cancellationToken);
        }
        catch (Exception exception) when (exception is System.Net.Sockets.SocketException or ArgumentException)
        {
            return $"url's host {url.DnsSafeHost} could not be resolved.";
        }

        if (addresses.Count == 0)
        {
            return $"url's host {url.DnsSafeHost} could not be resolved.";
        }

        if (options.Value.AllowPrivateNetworks)
        {
            return null;
        }

        foreach (var address in addresses)
        {
            if (NetworkAddressRules.RefusedClass(address) is { } refused)
            {
                return $"url must point to a public address; {url.DnsSafeHost} resolves to {address}, which is {refused}.";
            }
        }

        return null;
    }

    /// <summary>
    /// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the notifications client: resolves the host through the
    /// same lookup and connects only to allowed addresses, so the address actually connected is the one checked.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await resolver.ResolveAsync(host, cancellationToken);
        var allowed = options.Value.AllowPrivateNetworks
            ? addresses
            : [.. addresses.Where(a => NetworkAddressRules.RefusedClass(a) is null)];
        if (allowed.Count == 0)
        {
            var first = addresses.FirstOrDefault();
            throw new DestinationRefusedException(first is null
                ? $"Refused: {host} has no address."
                : $"Refused: {host} resolves to {first}, which is {NetworkAddressRules.RefusedClass(first)}; it was not contacted.");
        }

        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new System.Net.Sockets.Socket(address.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            }
            catch (System.Net.Sockets.SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
        }

        throw last!;
    }
}
