namespace VapiAgents.Domain.Alerts;

/// <summary>What an alert is about; the wire names are <see cref="AlertKinds"/>.</summary>
public enum AlertKind
{
    BudgetThreshold,
    AnomalyCost,
    AnomalyCalls,
    SyncFailing,

    /// <summary>A notification channel was disabled after failing again and again.</summary>
    ChannelFailing,
}
