namespace VapiAgents.Domain.Alerts;

/// <summary>The kinds' names in answers ("budget.threshold", …).</summary>
public static class AlertKinds
{
    public static string Name(AlertKind kind) => kind switch
    {
        AlertKind.BudgetThreshold => "budget.threshold",
        AlertKind.AnomalyCost => "anomaly.cost",
        AlertKind.AnomalyCalls => "anomaly.calls",
        AlertKind.SyncFailing => "sync.failing",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
