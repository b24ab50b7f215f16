namespace VapiAgents.Application.Metrics;

public sealed record ConcurrencyResponse(ConcurrencyDto Concurrency);

/// <summary>The most calls in progress at one instant over the range, and per hour or day.</summary>
/// <param name="PeakAt">Local ISO 8601 with offset: the first instant the peak was reached; null without calls.</param>
public sealed record ConcurrencyDto(string Timezone, int Peak, string? PeakAt, IReadOnlyList<ConcurrencyPointDto> Series);

public sealed record ConcurrencyPointDto(string Start, int Peak);
