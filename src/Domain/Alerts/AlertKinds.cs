namespace VapiAgents.Domain.Alerts;

/// <summary>The kinds' names in answers ("budget.threshold", …).</summary>
public static class AlertKinds
{
    public static readonly IReadOnlyList<AlertKind> All = Enum.GetValues<AlertKind>();

    public static string Name(AlertKind kind) => kind switch
    {
        AlertKind.BudgetThreshold => "budget.threshold",
        AlertKind.AnomalyCost => "anomaly.cost",
        AlertKind.AnomalyCalls => "anomaly.calls",
        AlertKind.SyncFailing => "sync.failing",
        AlertKind.ChannelFailing => "channel.failing",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? name, out AlertKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
