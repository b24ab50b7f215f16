using VapiAgents.Application.Common.Time;

namespace VapiAgents.Application.Budgets;

/// <summary>A validated zone as it is stored: its IANA id, UTC when none was given.</summary>
public static class BudgetZones
{
    public static string Normalize(string? timezone) =>
        ZonedCalendar.TryFindZone(timezone, out var zone) && !string.IsNullOrWhiteSpace(timezone) ? zone.Id : "UTC";
}
