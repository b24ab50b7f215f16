namespace VapiAgents.VapiSimulator.Tests.Support;

/// <summary>The specs the tests share. A fixed anchor keeps every run on the same data.</summary>
internal static class Scenarios
{
    public const string KeyA1 = "key-a1";
    public const string KeyA2 = "key-a2";
    public const string KeyB = "key-b";
    public const int BatchSize = 1500;

    public static readonly DateTimeOffset Anchor = new(2026, 8, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Org A: two keys, a 1500-call batch instant; org B: one key.</summary>
    public static ScenarioSpec Standard { get; } = new()
    {
        Seed = 42,
        Anchor = Anchor,
        Orgs =
        [
            new OrgSpec { Keys = [KeyA1, KeyA2], Assistants = 3, Calls = 2500, Days = 10, BatchInstant = BatchSize },
            new OrgSpec { Keys = [KeyB], Assistants = 2, Calls = 400, Days = 5 },
        ],
    };

    /// <summary>One organisation with no generated calls, for tests that add their own.</summary>
    public static ScenarioSpec Empty { get; } = new()
    {
        Seed = 7,
        Anchor = Anchor,
        Orgs = [new OrgSpec { Keys = [KeyA1], Assistants = 1, Calls = 0 }],
    };
}
