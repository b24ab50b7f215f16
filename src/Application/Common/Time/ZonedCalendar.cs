using System.Globalization;

namespace VapiAgents.Application.Common.Time;

/// <summary>Calendar days in a user's time zone and the UTC instants they span (DST days have 23 or 25 hours).</summary>
public static class ZonedCalendar
{
    public const string DateFormat = "yyyy-MM-dd";

    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return string.IsNullOrWhiteSpace(id);
        }

        // IANA ids only: Windows ids and offsets like "+02:00" are refused so every instance reads them alike.
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) || !found.HasIanaId)
        {
            return false;
        }

        zone = found;
        return true;
    }

    /// <summary>Dates the product reasons about; far beyond them, day arithmetic would overflow.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        && date >= Earliest && date <= Latest;

    public static bool TryParseInstant(string? text, out DateTime instant)
    {
        instant = default;
        if (text is null || text.Length <= DateFormat.Length || !text.Contains('T'))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        instant = parsed.UtcDateTime;
        var day = DateOnly.FromDateTime(instant);
        return day >= Earliest && day <= Latest;
    }

    /// <summary>The UTC instant a local calendar day starts at. Where midnight does not exist (a DST gap), the first minute that does.</summary>
    public static DateTime StartOfDayUtc(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        // An ambiguous midnight (clocks went back over it) starts at its first occurrence.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    /// <summary>The local calendar day an instant falls on.</summary>
    public static DateOnly DayOf(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));
}
