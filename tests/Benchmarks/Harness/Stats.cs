namespace VapiAgents.Benchmarks.Harness;

public static class Stats
{
    /// <summary>The nearest-rank percentile (p in 0–100) of the samples.</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double p)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyCollection<double> samples) => Percentile(samples, 50);
}
