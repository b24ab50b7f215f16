namespace VapiAgents.Application.Alerts;

/// <param name="Timezone">IANA zone whose local days the anomaly rule judges.</param>
public sealed record AlertSettingsDto(string Timezone, AnomalySettingsDto Anomaly);

/// <param name="Factor">A day is anomalous above factor × the mean of the baseline days.</param>
/// <param name="BaselineDays">How many days before the judged one make the mean (days without calls count as 0).</param>
/// <param name="MinimumCost">USD the day's cost must exceed as well, so small agents do not alert on noise.</param>
public sealed record AnomalySettingsDto(bool Enabled, decimal Factor, int BaselineDays, decimal MinimumCost);
