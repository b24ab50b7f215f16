using System.Globalization;

namespace VapiAgents.VapiSimulator.Data;

/// <summary>
/// Vapi's timestamps: ISO 8601 UTC with exactly three fraction digits. The simulator holds
/// every instant as Unix milliseconds so that all comparisons happen at Vapi's precision.
/// </summary>
internal static class IsoTime
{
    public static string Format(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static long ToUnixMs(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);

    /// <summary>
    /// Accepts ISO 8601 date or date-time text (a zone-less value is taken as UTC, as Vapi does)
    /// and truncates it to the millisecond. Requiring a leading "yyyy-MM-dd" rejects the
    /// culture-specific forms .NET would otherwise accept, like class-validator's IsISO8601.
    /// </summary>
    public static bool TryParse(string? text, out long unixMs)
    {
        unixMs = 0;
        if (text is null || !LooksLikeIsoDate(text))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(
                text,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var parsed))
        {
            return false;
        }

        unixMs = parsed.ToUnixTimeMilliseconds();
        return true;
    }

    private static bool LooksLikeIsoDate(string text) =>
        text.Length >= 10
        && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]) && char.IsAsciiDigit(text[3])
        && text[4] == '-'
        && char.IsAsciiDigit(text[5]) && char.IsAsciiDigit(text[6])
        && text[7] == '-'
        && char.IsAsciiDigit(text[8]) && char.IsAsciiDigit(text[9]);
}
