using VapiAgents.VapiSimulator.Data;

namespace VapiAgents.VapiSimulator.Scenario;

/// <summary>Turns a <see cref="ScenarioSpec"/> into a world of organisations, keys, assistants and calls.</summary>
internal static class ScenarioGenerator
{
    /// <exception cref="ArgumentException">The spec is not valid.</exception>
    public static World Generate(ScenarioSpec spec)
    {
        Validate(spec);
        var anchor = spec.Anchor is { } given
            ? IsoTime.ToUnixMs(given)
            : DateTimeOffset.UtcNow.ToUnixTimeSeconds() * 1000;

        // Each organisation draws from its own seeded stream, so they can be generated in parallel
        // and adding an organisation does not change the ones before it.
        var orgs = new OrgState[spec.Orgs.Count];
        Parallel.For(0, orgs.Length, index =>
            orgs[index] = OrgGenerator.Generate(spec.Orgs[index], unchecked((spec.Seed * 1_000_003) + (index * 7_919) + 1), anchor));
        return new World(spec.Seed, anchor, orgs);
    }

    private static void Validate(ScenarioSpec spec)
    {
        Require(spec.Orgs is { Count: > 0 }, "A scenario needs at least one organisation.");
        foreach (var org in spec.Orgs)
        {
            Require(org.Keys is null ? org.KeyCount >= 1 : org.Keys.Count >= 1 && org.Keys.All(key => !string.IsNullOrWhiteSpace(key)),
                "Every organisation needs at least one non-empty key.");
            Require(org.Assistants >= 0, "assistants must not be negative.");
            Require(org.Calls >= 0, "calls must not be negative.");
            Require(org.Days >= 1, "days must be at least 1.");
            Require(org.BatchInstant >= 0 && org.BatchInstant <= org.Calls, "batchInstant must be between 0 and calls.");
            Require(IsPercent(org.InProgressPercent) && IsPercent(org.UnansweredPercent) && IsPercent(org.CallsWithoutAssistantPercent),
                "Percentages must be between 0 and 100.");
        }

        var explicitKeys = spec.Orgs.SelectMany(org => org.Keys ?? []).ToList();
        Require(explicitKeys.Distinct(StringComparer.Ordinal).Count() == explicitKeys.Count, "A key can belong to one organisation only.");
    }

    private static bool IsPercent(double value) => value is >= 0 and <= 100;

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
