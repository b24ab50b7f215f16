using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Metrics.Commands.RebuildRollups;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Persistence.ReadModel;

namespace VapiAgents.Infrastructure.Usage;

/// <summary>Recomputes a user's agent sets and rollups from the call rows, in one transaction under the user's sync lock.</summary>
public sealed class RollupRebuilder(IServiceScopeFactory scopes, UsageKeyRegistry keys) : IRollupRebuilder
{
    public async Task<IReadOnlyList<string>> UsersWithCallsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.CallUsages.Select(u => u.UserId).Distinct().ToListAsync(cancellationToken);
    }

    public async Task<(long Calls, int Rollups)> RebuildAsync(string userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var facts = (await db.CallUsages.AsNoTracking().Where(u => u.UserId == userId).Select(u => u.EndedReason).Distinct().ToListAsync(cancellationToken))
            .Select(v => (BreakdownDimension.EndedReason, v))
            .Concat((await db.CallUsages.AsNoTracking().Where(u => u.UserId == userId).Select(u => u.Type).Distinct().ToListAsync(cancellationToken)).Select(v => (BreakdownDimension.Type, v)))
            .Concat((await db.CallUsages.AsNoTracking().Where(u => u.UserId == userId).Select(u => u.Status).Distinct().ToListAsync(cancellationToken)).Select(v => (BreakdownDimension.Status, v)));
        var resolved = await keys.ResolveAsync(facts, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.UserSyncLocks.Where(l => l.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(l => l.Version, l => l.Version + 1), cancellationToken) == 0)
        {
            db.UserSyncLocks.Add(new UserSyncLock { UserId = userId });
        }

        var sets = await db.AgentSets.Where(s => s.UserId == userId).ToDictionaryAsync(s => s.Members, cancellationToken);
        await db.UsageRollups.Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);

        var deltas = new RollupDeltas();
        long calls = 0;
        // Copies of a call arrive together (ordered by call id): their agents form the call's set.
        var rows = db.CallUsages.AsNoTracking().Where(u => u.UserId == userId).OrderBy(u => u.CallId).ThenBy(u => u.AgentId).AsAsyncEnumerable();
        var pending = new List<Domain.Usage.CallUsage>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (pending.Count > 0 && pending[0].CallId != row.CallId)
            {
                await AddAsync(pending);
                pending.Clear();
            }

            pending.Add(row);
        }

        if (pending.Count > 0)
        {
            await AddAsync(pending);
        }

        foreach (var ((setId, granularity, bucket), tally) in deltas.All)
        {
            var rollup = new UsageRollup { AgentSetId = setId, Granularity = granularity, BucketStartMs = bucket, UserId = userId };
            tally.ApplyTo(rollup);
            db.UsageRollups.Add(rollup);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (calls, deltas.All.Count);

        async Task AddAsync(List<Domain.Usage.CallUsage> copies)
        {
            var members = AgentSet.Key(copies.Select(c => c.AgentId));
            if (!sets.TryGetValue(members, out var set))
            {
                set = new AgentSet { UserId = userId, Members = members };
                db.AgentSets.Add(set);
                await db.SaveChangesAsync(cancellationToken);
                sets[members] = set;
            }

            var call = copies[0].ToFacts();
            deltas.Add(set.Id, call, (
                keys.IdOf(BreakdownDimension.EndedReason, call.EndedReason, resolved),
                keys.IdOf(BreakdownDimension.Type, call.Type, resolved),
                keys.IdOf(BreakdownDimension.Status, call.Status, resolved)), +1);
            calls++;
        }
    }
}
