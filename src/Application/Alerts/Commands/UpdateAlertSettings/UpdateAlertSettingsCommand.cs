using Mediator;
using VapiAgents.Application.Alerts.Queries.GetAlertSettings;
using VapiAgents.Application.Budgets;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Alerts;
using VapiAgents.Domain.Alerts.Specifications;

namespace VapiAgents.Application.Alerts.Commands.UpdateAlertSettings;

/// <summary>Replaces the user's alert settings (PUT): fields left out take their defaults.</summary>
public sealed record UpdateAlertSettingsCommand(string? Timezone, bool? Enabled, decimal? Factor, int? BaselineDays, decimal? MinimumCost)
    : ICommand<AlertSettingsDto>;

public sealed class UpdateAlertSettingsCommandHandler(IRepository<AlertSettings> settings, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<UpdateAlertSettingsCommand, AlertSettingsDto>
{
    public async ValueTask<AlertSettingsDto> Handle(UpdateAlertSettingsCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await settings.SingleOrDefaultAsync(new AlertSettingsForUserSpec(userId), cancellationToken);
        var isNew = stored is null;
        stored ??= AlertSettings.Defaults(userId, now);
        stored.Change(
            BudgetZones.Normalize(command.Timezone), command.Enabled ?? true, command.Factor ?? AlertSettings.DefaultFactor,
            command.BaselineDays ?? AlertSettings.DefaultBaselineDays, command.MinimumCost ?? AlertSettings.DefaultMinimumCost, now);
        try
        {
            if (isNew)
            {
                await settings.AddAsync(stored, cancellationToken);
            }
            else
            {
                await settings.SaveChangesAsync(cancellationToken);
            }
        }
        catch (UniqueConstraintException)
        {
            throw new ConflictException("Your alert settings were saved by another request at the same moment; read them and retry.");
        }

        return GetAlertSettingsQueryHandler.ToDto(stored);
    }
}
