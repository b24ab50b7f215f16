namespace VapiAgents.Application.Metrics;

/// <summary>What a measure counts. Money is summed in units of 1e-10 USD (<see cref="Domain.Usage.Money"/>), so every sum is an exact integer.</summary>
public enum MeasureUnit
{
    Count,
    Milliseconds,
    Seconds,
    Money,
}
