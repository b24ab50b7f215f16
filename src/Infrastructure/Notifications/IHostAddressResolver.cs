using System.Net;

namespace VapiAgents.Infrastructure.Notifications;

/// <summary>
/// Turns a host name into addresses, for the SSRF guard at creation and for the connection at send time (the same
/// lookup, so a test can answer a loopback address for a name that passed creation: DNS rebinding).
/// </summary>
public interface IHostAddressResolver
{
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken);
}
