using VapiAgents.Application.Common.Time;
using VapiAgents.Domain.Alerts;

namespace VapiAgents.Application.Alerts;

public static class AlertMapping
{
    public static AlertDto ToDto(Alert alert) => new(
        alert.Id, AlertKinds.Name(alert.Kind), alert.AgentId, alert.BudgetId, alert.ChannelId, alert.Threshold,
        alert.PeriodStart?.ToString(ZonedCalendar.DateFormat), alert.Value, alert.Reference, alert.Message, alert.CreatedAt, alert.AcknowledgedAt);
}
