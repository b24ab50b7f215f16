using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Metrics.Commands.RebuildRollups;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Sync;
using VapiAgents.Infrastructure.Usage.Schema;

namespace VapiAgents.Infrastructure.Usage.Write;

/// <summary>
/// Recomputes a user's agent sets and rollups from the call rows, in one transaction under the user's sync
/// lock. Rows are streamed (a user may have millions): a first pass finds the sets, a second adds up the calls.
/// </summary>
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
        var values = await db.CallUsages.AsNoTracking().Where(u => u.UserId == userId)
            .Select(u => new { u.EndedReason, u.Type, u.Status }).Distinct().ToListAsync(cancellationToken);
        // Looked up, never interned: a value a row counts as other stays other (its flags), an unknown one too.
        var resolved = await keys.LookupAsync(values.SelectMany(v => new[]
        {
            (BreakdownDimension.EndedReason, v.EndedReason), (BreakdownDimension.Type, v.Type), (BreakdownDimension.Status, v.Status),
        }), cancellationToken);

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await RebuildLockedAsync(db, userId, resolved, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

    private async Task<(long Calls, int Rollups)> RebuildLockedAsync(
        ApplicationDbContext db, string userId, IReadOnlyDictionary<(BreakdownDimension, string), int> resolved, CancellationToken cancellationToken)
    {
        if (await db.UserSyncLocks.Where(l => l.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(l => l.Version, l => l.Version + 1), cancellationToken) == 0)
        {
            db.UserSyncLocks.Add(new UserSyncLock { UserId = userId });
        }

        var sets = await SetsAsync(db, userId, cancellationToken);
        await db.UsageRollups.Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);

        var deltas = new RollupDeltas(sets[AgentSet.EveryAgent]);
        long calls = 0;
        await foreach (var copies in CallsAsync(db, userId, cancellationToken))
        {
            var call = copies[0].ToFacts();
            deltas.Add(sets[AgentSet.Key(copies.Select(c => c.AgentId))], call, UsageKeyRegistry.IdsOf(call, copies[0].OtherKeys, resolved), +1);
            calls++;
        }

        foreach (var ((setId, granularity, bucket), tally) in deltas.All)
        {
            var rollup = new UsageRollup { AgentSetId = setId, Granularity = granularity, BucketStartMs = bucket, UserId = userId };
            tally.ApplyTo(rollup);
            db.UsageRollups.Add(rollup);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (calls, deltas.All.Count);
    }

    /// <summary>Every set the user's calls belong to, created where missing (before any row is streamed: one reader at a time).</summary>
    private static async Task<Dictionary<string, long>> SetsAsync(ApplicationDbContext db, string userId, CancellationToken cancellationToken)
    {
        // The every-agent set always: a rebuild is what makes it complete for a user whose rollups predate it (ADR 031).
        var needed = new HashSet<string>(StringComparer.Ordinal) { AgentSet.EveryAgent };
        var pairs = db.CallUsages.AsNoTracking().Where(u => u.UserId == userId).OrderBy(u => u.CallId).ThenBy(u => u.AgentId)
            .Select(u => new { u.CallId, u.AgentId });
        await foreach (var copies in ByCallAsync(pairs, pair => pair.CallId, cancellationToken))
        {
            needed.Add(AgentSet.Key(copies.Select(pair => pair.AgentId)));
        }

        var sets = await db.AgentSets.Where(s => s.UserId == userId).ToDictionaryAsync(s => s.Members, s => s.Id, cancellationToken);
        foreach (var members in needed.Where(m => !sets.ContainsKey(m)))
        {
            var set = new AgentSet { UserId = userId, Members = members };
            db.AgentSets.Add(set);
            await db.SaveChangesAsync(cancellationToken);
            sets[members] = set.Id;
        }

        return sets;
    }

    /// <summary>The user's calls, each as the group of its copies.</summary>
    private static IAsyncEnumerable<List<CallUsage>> CallsAsync(ApplicationDbContext db, string userId, CancellationToken cancellationToken) =>
        ByCallAsync(db.CallUsages.AsNoTracking().Where(u => u.UserId == userId).OrderBy(u => u.CallId).ThenBy(u => u.AgentId), row => row.CallId, cancellationToken);

    /// <summary>Rows ordered by call id, streamed as one group per call (a call's copies arrive together).</summary>
    private static async IAsyncEnumerable<List<T>> ByCallAsync<T>(
        IQueryable<T> rows, Func<T, string> callId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = new List<T>();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (pending.Count > 0 && callId(pending[0]) != callId(row))
            {
                yield return pending;
                pending = [];
            }

            pending.Add(row);
        }

        if (pending.Count > 0)
        {
            yield return pending;
        }
    }
}
