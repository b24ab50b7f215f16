namespace VapiAgents.VapiSimulator.Data;

internal static class Decimals
{
    /// <summary>
    /// The same value with the smallest scale, so that it prints as 0.0361 rather than 0.03610000.
    /// Dividing by a one of scale 28 makes decimal arithmetic pick the smallest exact scale.
    /// </summary>
    public static decimal WithoutTrailingZeros(decimal value) => value / 1.0000000000000000000000000000m;
}
