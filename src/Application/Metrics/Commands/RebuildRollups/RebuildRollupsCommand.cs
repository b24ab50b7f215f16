using Mediator;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;

namespace VapiAgents.Application.Metrics.Commands.RebuildRollups;

/// <summary>
/// Operator command: recomputes every user's rollups (or one user's) from the call rows, which stay the
/// source of truth. Safe to run while syncs run: each user is rebuilt under the same lock the sync takes.
/// </summary>
public sealed record RebuildRollupsCommand(string? UserId = null) : ICommand<RebuildRollupsResult>;

public sealed record RebuildRollupsResult(int Users, long Calls, int Rollups);

/// <summary>Rebuilds one user's rollups from their call rows.</summary>
public interface IRollupRebuilder
{
    Task<IReadOnlyList<string>> UsersWithCallsAsync(CancellationToken cancellationToken);

    Task<(long Calls, int Rollups)> RebuildAsync(string userId, CancellationToken cancellationToken);
}

public sealed class RebuildRollupsCommandHandler(IRollupRebuilder rebuilder, ICurrentUser currentUser, Audit.IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<RebuildRollupsCommand, RebuildRollupsResult>
{
    public async ValueTask<RebuildRollupsResult> Handle(RebuildRollupsCommand command, CancellationToken cancellationToken)
    {
        if (currentUser.UserId is not null && !currentUser.IsAdmin)
        {
            throw new ForbiddenAccessException();
        }

        var users = command.UserId is { } one ? [one] : await rebuilder.UsersWithCallsAsync(cancellationToken);
        long calls = 0;
        var rollups = 0;
        foreach (var user in users)
        {
            var (userCalls, userRollups) = await rebuilder.RebuildAsync(user, cancellationToken);
            calls += userCalls;
            rollups += userRollups;
        }

        await audit.SaveAsync(Domain.Audit.AuditEvent.Record(Domain.Audit.AuditActions.RollupsRebuilt, null, currentUser.UserId, null,
            $"{rollups} rollup(s) from {calls} call(s) of {users.Count} user(s)", currentUser.IpAddress, clock.GetUtcNow().UtcDateTime), cancellationToken);
        return new RebuildRollupsResult(users.Count, calls, rollups);
    }
}
