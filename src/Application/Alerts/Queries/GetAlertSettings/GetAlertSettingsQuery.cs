using Mediator;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Alerts;
using VapiAgents.Domain.Alerts.Specifications;

namespace VapiAgents.Application.Alerts.Queries.GetAlertSettings;

public sealed record GetAlertSettingsQuery : IQuery<AlertSettingsDto>;

public sealed class GetAlertSettingsQueryHandler(IReadRepository<AlertSettings> settings, ICurrentUser currentUser, TimeProvider clock)
    : IQueryHandler<GetAlertSettingsQuery, AlertSettingsDto>
{
    public async ValueTask<AlertSettingsDto> Handle(GetAlertSettingsQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var stored = await settings.SingleOrDefaultAsync(new AlertSettingsForUserSpec(userId), cancellationToken)
            ?? AlertSettings.Defaults(userId, clock.GetUtcNow().UtcDateTime);
        return ToDto(stored);
    }

    public static AlertSettingsDto ToDto(AlertSettings settings) => new(
        settings.Timezone,
        new AnomalySettingsDto(settings.AnomalyEnabled, settings.AnomalyFactor, settings.AnomalyBaselineDays, settings.AnomalyMinimumCost));
}
