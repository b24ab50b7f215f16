namespace VapiAgents.Application.Metrics;

public sealed record ConcurrencyResponse(ConcurrencyDto Concurrency);

/// <summary>The most calls in progress at one instant over the range, and per hour or day.</summary>
/// <param name="PeakAt">Local ISO 8601 with offset: the first instant the peak was reached; null without calls.</param>
/// <param name="Limit">
/// The call slots of the selected agents' Vapi orgs (agents' <c>concurrencyLimit</c>), summed over the orgs; null when
/// one of them has none (or nothing is selected).
/// </param>
/// <param name="MinutesAtOrAboveLimit">Minutes of the range during which the calls in progress were at least <c>limit</c>; null without a limit.</param>
public sealed record ConcurrencyDto(
    string Timezone, int Peak, string? PeakAt, IReadOnlyList<ConcurrencyPointDto> Series, int? Limit = null, decimal? MinutesAtOrAboveLimit = null);

public sealed record ConcurrencyPointDto(string Start, int Peak);
