namespace VapiAgents.Domain.Usage;

/// <summary>
/// Money is USD held as <see cref="decimal"/>, kept to <see cref="Scale"/> decimal places (1e-10 USD):
/// Vapi's costs are JavaScript doubles, so digits past that are floating-point noise. At this scale every
/// amount is an exact whole number of units, so the database sums integers and totals stay exact.
/// </summary>
public static class Money
{
    public const int Scale = 10;
    private const decimal UnitsPerDollar = 10_000_000_000m;

    public static decimal Normalize(decimal amount) => Math.Round(amount, Scale, MidpointRounding.ToEven);

    public static long ToUnits(decimal amount) => (long)(Normalize(amount) * UnitsPerDollar);

    /// <summary>The amount for a count of units, without trailing zeros (0.3127, not 0.3127000000).</summary>
    public static decimal FromUnits(long units) => (units / UnitsPerDollar) / 1.0000000000000000000000000000m;
}
