using Mediator;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Alerts;
using VapiAgents.Domain.Alerts.Specifications;

namespace VapiAgents.Application.Alerts.Queries.ListAlerts;

/// <param name="Status">open (default), acknowledged or all.</param>
public sealed record ListAlertsQuery(string? Status, int Limit = ListAlertsQuery.DefaultLimit, int Offset = 0) : IQuery<AlertListDto>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
}

public sealed class ListAlertsQueryHandler(IReadRepository<Alert> alerts, ICurrentUser currentUser) : IQueryHandler<ListAlertsQuery, AlertListDto>
{
    public async ValueTask<AlertListDto> Handle(ListAlertsQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        bool? acknowledged = query.Status switch { "acknowledged" => true, "all" => null, _ => false };
        var page = await alerts.ListAsync(new AlertsForUserSpec(userId, acknowledged, query.Limit, query.Offset), cancellationToken);
        var total = await alerts.CountAsync(new AlertsForUserSpec(userId, acknowledged), cancellationToken);
        return new AlertListDto([.. page.Select(AlertMapping.ToDto)], total);
    }
}
