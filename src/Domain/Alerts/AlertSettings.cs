using VapiAgents.Domain.Common;

namespace VapiAgents.Domain.Alerts;

/// <summary>A user's alert preferences: the zone whose days anomalies are judged in, and the anomaly rule's knobs.</summary>
public sealed class AlertSettings : IAggregateRoot
{
    public const decimal DefaultFactor = 2.0m;
    public const int DefaultBaselineDays = 7;
    public const decimal DefaultMinimumCost = 5.0m;

    /// <summary>Days between an agent's first stored call and the day judged, below which there is no baseline.</summary>
    public const int MinimumHistoryDays = 3;

    private AlertSettings()
    {
        UserId = "";
        Timezone = "UTC";
    }

    public string UserId { get; private set; }

    public string Timezone { get; private set; }

    public bool AnomalyEnabled { get; private set; }

    public decimal AnomalyFactor { get; private set; }

    public int AnomalyBaselineDays { get; private set; }

    public decimal AnomalyMinimumCost { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>What a user who never saved settings gets.</summary>
    public static AlertSettings Defaults(string userId, DateTime now) => new()
    {
        UserId = userId,
        Timezone = "UTC",
        AnomalyEnabled = true,
        AnomalyFactor = DefaultFactor,
        AnomalyBaselineDays = DefaultBaselineDays,
        AnomalyMinimumCost = DefaultMinimumCost,
        UpdatedAt = now,
    };

    public void Change(string timezone, bool enabled, decimal factor, int baselineDays, decimal minimumCost, DateTime now)
    {
        if (factor <= 0 || baselineDays < 1 || minimumCost < 0)
        {
            throw new DomainRuleException("The anomaly rule needs a factor above 0, at least one baseline day and a minimum cost of 0 or more.");
        }

        Timezone = timezone;
        AnomalyEnabled = enabled;
        AnomalyFactor = factor;
        AnomalyBaselineDays = baselineDays;
        AnomalyMinimumCost = minimumCost;
        UpdatedAt = now;
    }
}
