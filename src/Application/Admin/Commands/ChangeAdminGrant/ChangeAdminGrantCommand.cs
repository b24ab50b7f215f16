using Mediator;
using VapiAgents.Application.Audit;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Domain.Audit;

namespace VapiAgents.Application.Admin.Commands.ChangeAdminGrant;

/// <summary>
/// Operator command (<c>--grant-admin</c> / <c>--revoke-admin</c>): grants or revokes the Admin role of an existing
/// account. Only from the shell, never over HTTP: e-mails are not confirmed, so an address proves nothing (docs/adr/015).
/// </summary>
public sealed record ChangeAdminGrantCommand(string Email, bool Admin) : ICommand<ChangeAdminGrantResult>;

/// <param name="Changed">False when the account already was as asked (nothing recorded).</param>
public sealed record ChangeAdminGrantResult(string UserId, bool Changed);

public sealed class ChangeAdminGrantCommandHandler(IAdminGrants grants, IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<ChangeAdminGrantCommand, ChangeAdminGrantResult>
{
    public const string Resource = "Account";

    public async ValueTask<ChangeAdminGrantResult> Handle(ChangeAdminGrantCommand command, CancellationToken cancellationToken)
    {
        var userId = await grants.FindUserIdAsync(command.Email.Trim(), cancellationToken) ?? throw new NotFoundException(Resource);
        var changed = await grants.SetAsync(userId, command.Admin, cancellationToken);
        if (changed)
        {
            await audit.SaveAsync(AuditEvent.Record(
                command.Admin ? AuditActions.AdminGranted : AuditActions.AdminRevoked, userId, null, null,
                "by operator command", null, clock.GetUtcNow().UtcDateTime), cancellationToken);
        }

        return new ChangeAdminGrantResult(userId, changed);
    }
}
