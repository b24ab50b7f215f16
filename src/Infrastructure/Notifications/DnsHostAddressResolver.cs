using System.Net;

namespace VapiAgents.Infrastructure.Notifications;

/// <summary>The system's DNS; an address literal answers itself without a lookup.</summary>
public sealed class DnsHostAddressResolver : IHostAddressResolver
{
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.Trim('[', ']');
        if (IPAddress.TryParse(bare, out var literal))
        {
            return [literal];
        }

        return await Dns.GetHostAddressesAsync(bare, cancellationToken);
    }
}
