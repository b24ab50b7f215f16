using Mediator;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Alerts;
using VapiAgents.Domain.Alerts.Specifications;

namespace VapiAgents.Application.Alerts.Commands.AcknowledgeAlert;

/// <summary>Marks an alert seen (idempotent: a second acknowledgement keeps the first time).</summary>
public sealed record AcknowledgeAlertCommand(Guid Id) : ICommand<AlertDto>;

public sealed class AcknowledgeAlertCommandHandler(IRepository<Alert> alerts, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<AcknowledgeAlertCommand, AlertDto>
{
    public async ValueTask<AlertDto> Handle(AcknowledgeAlertCommand command, CancellationToken cancellationToken)
    {
        var alert = await alerts.SingleOrDefaultAsync(new AlertByIdForUserSpec(command.Id, currentUser.RequireUserId()), cancellationToken)
            ?? throw new NotFoundException("Alert");
        alert.Acknowledge(clock.GetUtcNow().UtcDateTime);
        await alerts.SaveChangesAsync(cancellationToken);
        return AlertMapping.ToDto(alert);
    }
}
