using System.Net;
using System.Net.Sockets;

namespace VapiAgents.Infrastructure.Notifications;

/// <summary>
/// The addresses a user-supplied URL must never reach (SSRF, ADR 028): loopback, private (RFC 1918, unique-local
/// fc00::/7, CGNAT 100.64/10), link-local (169.254/16 with the cloud metadata address, fe80::/10), multicast,
/// unspecified and reserved ranges — also when written as IPv4-mapped or NAT64 IPv6.
/// </summary>
public static class NetworkAddressRules
{
    /// <summary>Null when the address is public; otherwise the class it belongs to, in words.</summary>
    public static string? RefusedClass(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return RefusedClass(address.MapToIPv4());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => RefusedV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => RefusedV6(address),
            _ => "not an IP address",
        };
    }

    private static string? RefusedV4(byte[] b) => b switch
    {
        [0, ..] => "unspecified (0.0.0.0/8)",
        [127, ..] => "loopback (127.0.0.0/8)",
        [10, ..] => "private (10.0.0.0/8)",
        [172, >= 16 and <= 31, ..] => "private (172.16.0.0/12)",
        [192, 168, ..] => "private (192.168.0.0/16)",
        [169, 254, 169, 254] => "link-local (the cloud metadata address 169.254.169.254)",
        [169, 254, ..] => "link-local (169.254.0.0/16)",
        [100, >= 64 and <= 127, ..] => "shared carrier-grade NAT (100.64.0.0/10)",
        [192, 0, 0, ..] => "reserved (192.0.0.0/24)",
        [198, 18 or 19, ..] => "reserved for benchmarks (198.18.0.0/15)",
        [>= 224 and <= 239, ..] => "multicast (224.0.0.0/4)",
        [>= 240, ..] => "reserved or broadcast (240.0.0.0/4)",
        _ => null,
    };

    private static string? RefusedV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
        {
            return "unspecified (::)";
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "loopback (::1)";
        }

        var b = address.GetAddressBytes();
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].All(x => x == 0))
        {
            // NAT64 (64:ff9b::/96) carries an IPv4 address: judge that one.
            return RefusedV4(b[12..]);
        }

        if (b[..12].All(x => x == 0))
        {
            // IPv4-compatible (deprecated ::a.b.c.d): judge the embedded address.
            return RefusedV4(b[12..]);
        }

        return b switch
        {
            [0xff, ..] => "multicast (ff00::/8)",
            [>= 0xfc and <= 0xfd, ..] => "unique-local (fc00::/7)",
            [0xfe, >= 0x80 and <= 0xbf, ..] => "link-local (fe80::/10)",
            [0xfe, >= 0xc0, ..] => "site-local (fec0::/10)",
            _ => null,
        };
    }
}
