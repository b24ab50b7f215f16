using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using VapiAgents.Infrastructure.Notifications;

namespace VapiAgents.WebApi.FunctionalTests.Notifications;

/// <summary>Answers names the test sets (no DNS query ever leaves the machine); address literals answer themselves.</summary>
public sealed class TestHostResolver : IHostAddressResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);

    public void Answer(string host, params IPAddress[] addresses) => _names[host] = addresses;

    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.Trim('[', ']');
        if (IPAddress.TryParse(bare, out var literal))
        {
            return Task.FromResult<IReadOnlyList<IPAddress>>([literal]);
        }

        return _names.TryGetValue(bare, out var addresses)
            ? Task.FromResult<IReadOnlyList<IPAddress>>(addresses)
            : throw new SocketException((int)SocketError.HostNotFound);
    }
}
