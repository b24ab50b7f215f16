using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VapiAgents.Application.Common.Security;

namespace VapiAgents.Application.Webhooks;

/// <summary>What a webhook request offers as proof; every part optional.</summary>
/// <param name="SecretHeader">The <c>X-Vapi-Secret</c> header.</param>
/// <param name="Bearer">The token of an <c>Authorization: Bearer</c> header.</param>
/// <param name="Signature">The <c>x-signature</c> header: HMAC-SHA256 of "{timestamp}.{body}", hex or base64, optionally "sha256=" first.</param>
/// <param name="Timestamp">The <c>x-timestamp</c> header: Unix seconds or milliseconds.</param>
public sealed record WebhookProof(string? SecretHeader, string? Bearer, string? Signature, string? Timestamp)
{
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public override string ToString() => "WebhookProof { [redacted] }";

    /// <summary>Which proof holds (its name for the delivery log), or null. Every comparison takes constant time.</summary>
    public string? Verify(SecretValue secret, ReadOnlySpan<byte> body, DateTime now)
    {
        var expected = Encoding.UTF8.GetBytes(secret.Reveal());
        if (SecretHeader is not null && CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(SecretHeader)))
        {
            return "secret-header";
        }

        if (Bearer is not null && CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(Bearer)))
        {
            return "bearer";
        }

        return Signature is not null && Timestamp is not null && SignatureHolds(expected, body, now) ? "hmac" : null;
    }

    private bool SignatureHolds(byte[] secret, ReadOnlySpan<byte> body, DateTime now)
    {
        if (!long.TryParse(Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var stamp))
        {
            return false;
        }

        // Milliseconds have 13 digits today; seconds 10. Beyond the calendar's last millisecond is no time at all.
        if (stamp > MaxUnixMilliseconds)
        {
            return false;
        }

        var sent = stamp > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(stamp) : DateTimeOffset.FromUnixTimeSeconds(stamp);
        if ((sent.UtcDateTime - now).Duration() > MaxClockSkew)
        {
            return false;
        }

        var payload = new byte[Encoding.UTF8.GetByteCount(Timestamp!) + 1 + body.Length];
        var written = Encoding.UTF8.GetBytes(Timestamp, payload);
        payload[written] = (byte)'.';
        body.CopyTo(payload.AsSpan(written + 1));
        var mac = HMACSHA256.HashData(secret, payload);
        var offered = Decode(Signature!.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase) ? Signature[7..] : Signature);
        return offered is not null && CryptographicOperations.FixedTimeEquals(mac, offered);
    }

    private static byte[]? Decode(string signature)
    {
        try
        {
            return signature.Length == 64 ? Convert.FromHexString(signature) : Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
