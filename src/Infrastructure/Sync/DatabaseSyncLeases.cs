using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Sync;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Sync;

/// <summary>
/// Leases as rows, changed only by conditional single-statement updates, so two processes can never both
/// believe they hold an agent. A lease not renewed within <see cref="SyncOptions.LeaseSeconds"/> may be taken over.
/// Each call uses its own short-lived context, independent of the caller's unit of work.
/// </summary>
public sealed class DatabaseSyncLeases(IServiceScopeFactory scopes, IOptions<SyncOptions> options, TimeProvider clock) : ISyncLeases
{
    private static readonly string Holder = $"{Environment.MachineName}/{Environment.ProcessId}";

    public async Task<LeaseAttempt> TryHoldAsync(Guid agentId, Guid runId, CancellationToken cancellationToken, TimeSpan? duration = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + (duration ?? TimeSpan.FromSeconds(options.Value.LeaseSeconds));

        var current = await db.SyncLeases.AsNoTracking().SingleOrDefaultAsync(l => l.AgentId == agentId, cancellationToken);
        if (current is null)
        {
            db.SyncLeases.Add(new SyncLease { AgentId = agentId, RunId = runId, Holder = Holder, ExpiresAt = expires });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new LeaseAttempt(true, null, null);
            }
            catch (UniqueConstraintException)
            {
                return await HeldByAsync(db, agentId, cancellationToken);
            }
        }

        if (current.RunId == runId)
        {
            var extended = await db.SyncLeases.Where(l => l.AgentId == agentId && l.RunId == runId)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, expires).SetProperty(l => l.Holder, Holder), cancellationToken);
            return extended == 1 ? new LeaseAttempt(true, null, null) : await HeldByAsync(db, agentId, cancellationToken);
        }

        if (current.ExpiresAt < now)
        {
            var taken = await db.SyncLeases.Where(l => l.AgentId == agentId && l.RunId == current.RunId && l.ExpiresAt < now)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.RunId, runId).SetProperty(l => l.ExpiresAt, expires).SetProperty(l => l.Holder, Holder), cancellationToken);
            if (taken == 1)
            {
                return new LeaseAttempt(true, null, current.RunId);
            }
        }

        return await HeldByAsync(db, agentId, cancellationToken);
    }

    public async Task ReleaseAsync(Guid agentId, Guid runId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        await db.SyncLeases.Where(l => l.AgentId == agentId && l.RunId == runId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlySet<Guid>> HeldAsync(IReadOnlyCollection<Guid> agentIds, CancellationToken cancellationToken) =>
        (await LiveHoldersAsync(agentIds, TimeSpan.Zero, cancellationToken)).Keys.ToHashSet();

    public async Task<IReadOnlyDictionary<Guid, Guid>> LiveHoldersAsync(IReadOnlyCollection<Guid> agentIds, TimeSpan grace, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var now = clock.GetUtcNow().UtcDateTime - grace;
        var ids = agentIds.ToList();
        return await db.SyncLeases.AsNoTracking().Where(l => ids.Contains(l.AgentId) && l.ExpiresAt >= now)
            .ToDictionaryAsync(l => l.AgentId, l => l.RunId, cancellationToken);
    }

    private static async Task<LeaseAttempt> HeldByAsync(ApplicationDbContext db, Guid agentId, CancellationToken cancellationToken)
    {
        var holder = await db.SyncLeases.AsNoTracking().Where(l => l.AgentId == agentId).Select(l => (Guid?)l.RunId).SingleOrDefaultAsync(cancellationToken);
        return new LeaseAttempt(false, holder, null);
    }
}
