using System.Net;
using System.Net.Sockets;

namespace VapiAgents.WebApi.Configurations;

/// <summary>The key per-address limits count by: an IPv4 address, or an IPv6 address's /64 (one subscriber's block).</summary>
public static class ClientAddress
{
    public static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return "ip:none";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return $"ip:{address}";
        }

        // A host gets a whole /64 and may pick any address in it, so each address as its own bucket is no limit.
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"ip6:{new IPAddress(bytes)}/64";
    }
}
