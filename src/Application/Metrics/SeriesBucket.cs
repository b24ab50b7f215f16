namespace VapiAgents.Application.Metrics;

/// <summary>One point of a series: the UTC instants [start, end) in milliseconds, and its first local instant with the zone's offset then.</summary>
public sealed record SeriesBucket(long StartMs, long EndMs, DateTimeOffset LocalStart)
{
    /// <summary>ISO 8601 local time with offset, e.g. 2026-03-08T03:00:00-04:00.</summary>
    public string Start => LocalStart.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
