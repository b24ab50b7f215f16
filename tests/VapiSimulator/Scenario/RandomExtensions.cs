namespace VapiAgents.VapiSimulator.Scenario;

/// <summary>
/// Draws from a seeded <see cref="Random"/>. Everything generated goes through these so that
/// one seed reproduces one scenario (System.Random with a seed is stable across runs).
/// </summary>
internal static class RandomExtensions
{
    /// <summary>A version-4 UUID built from the seeded stream, unlike Guid.NewGuid.</summary>
    public static string Uuid(this Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    public static string Hex(this Random random, int length)
    {
        Span<byte> bytes = stackalloc byte[(length + 1) / 2];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }

    public static bool Chance(this Random random, double percent) => random.NextDouble() * 100 < percent;

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static T PickWeighted<T>(this Random random, IReadOnlyList<(T Item, int Weight)> items)
    {
        var ticket = random.Next(items.Sum(entry => entry.Weight));
        foreach (var (item, weight) in items)
        {
            if (ticket < weight)
            {
                return item;
            }

            ticket -= weight;
        }

        throw new InvalidOperationException("Weights must be positive.");
    }

    /// <summary>A whole number in [min, max].</summary>
    public static long Between(this Random random, long min, long max) => random.NextInt64(min, max + 1);

    /// <summary>A decimal in [min, max) with the given number of decimal places.</summary>
    public static decimal Amount(this Random random, decimal min, decimal max, int decimals) =>
        Math.Round(min + ((max - min) * (decimal)random.NextDouble()), decimals);
}
