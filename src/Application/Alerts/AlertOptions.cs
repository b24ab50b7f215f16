namespace VapiAgents.Application.Alerts;

/// <summary>Configuration section <c>Alerts</c>.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>Run the recurring evaluation of every user's alerts.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Cron (UTC) of the recurring evaluation; it catches what no sync or webhook triggered (a day turning, a failing streak).</summary>
    public string Schedule { get; set; } = "*/15 * * * *";
}
