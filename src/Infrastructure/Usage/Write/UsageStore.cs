using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Sync;
using VapiAgents.Domain.Pricing;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Sync;
using VapiAgents.Infrastructure.Usage.Schema;

namespace VapiAgents.Infrastructure.Usage.Write;

/// <summary>
/// Stores a batch of calls for one agent in one transaction: the call rows (newest facts win; every copy of a
/// call the user holds is kept equal), the agent sets the calls belong to, and the hourly and daily rollups.
/// The user's lock row serialises batches of the same user, so concurrent syncs of two agents that see the
/// same call cannot both count it.
/// </summary>
public sealed class UsageStore(IServiceScopeFactory scopes, UsageKeyRegistry keys) : IUsageStore
{
    public async Task<UpsertResult> UpsertAsync(Guid agentId, string userId, IReadOnlyList<CallFacts> calls, DateTime syncedAt, CancellationToken cancellationToken)
    {
        if (calls.Count == 0)
        {
            return new UpsertResult(0, 0);
        }

        // The same call twice in one page (Vapi's ties) counts once, at its newest.
        var incoming = calls.GroupBy(c => c.Id, StringComparer.Ordinal).Select(g => g.Aggregate((a, b) => a.NewerOf(b))).ToList();
        // New breakdown values are admitted by first appearance: the calls in (CreatedAt, id) order (ADR 030).
        var admitted = await keys.AdmitAsync(
            agentId, incoming.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal).SelectMany(KeysOf), cancellationToken);
        await EnsureLockRowAsync(userId, cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var batch = new Batch(db, keys, admitted, agentId, userId, syncedAt);
            var result = await batch.RunAsync(incoming, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

    internal static IEnumerable<(BreakdownDimension, string?)> KeysOf(CallFacts facts) =>
    [
        (BreakdownDimension.EndedReason, facts.EndedReason),
        (BreakdownDimension.Type, facts.Type),
        (BreakdownDimension.Status, facts.Status),
    ];

    private async Task EnsureLockRowAsync(string userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        if (await db.UserSyncLocks.AnyAsync(l => l.UserId == userId, cancellationToken))
        {
            return;
        }

        db.UserSyncLocks.Add(new UserSyncLock { UserId = userId });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (UniqueConstraintException)
        {
            // Another batch created it a moment ago.
        }
    }

    /// <summary>One batch inside its transaction.</summary>
    private sealed class Batch(
        ApplicationDbContext db, UsageKeyRegistry keys, IReadOnlyDictionary<(BreakdownDimension, string), int> admitted, Guid agentId, string userId,
        DateTime syncedAt)
    {
        private RollupDeltas _deltas = new();
        private readonly List<CallUsage> _inserts = [];
        private readonly List<CallUsage> _updates = [];
        private Dictionary<string, long> _sets = [];
        private long? _ownSet;
        private IReadOnlyDictionary<(BreakdownDimension, string), int> _keyIds = new Dictionary<(BreakdownDimension, string), int>();
        private PriceBook _prices = new([], []);

        public async Task<UpsertResult> RunAsync(IReadOnlyList<CallFacts> incoming, CancellationToken cancellationToken)
        {
            await db.UserSyncLocks.Where(l => l.UserId == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Version, l => l.Version + 1), cancellationToken);

            // One array parameter (EF.Parameter), not one parameter per id: a statement that looks the same
            // for every page, which PostgreSQL plans as an index lookup.
            var ids = incoming.Select(c => c.Id).ToList();
            var copies = (await db.CallUsages.AsNoTracking()
                    .Where(u => u.UserId == userId && EF.Parameter(ids).Contains(u.CallId))
                    .ToListAsync(cancellationToken))
                .GroupBy(u => u.CallId, StringComparer.Ordinal)
                .ToDictionary(
                    g => g.Key, g => (Facts: g.First().ToFacts(), Other: g.First().OtherKeys, Members: g.Select(u => u.AgentId).ToHashSet()),
                    StringComparer.Ordinal);
            _sets = await db.AgentSets.Where(s => s.UserId == userId).ToDictionaryAsync(s => s.Members, s => s.Id, cancellationToken);
            // A user's first rollups start the every-agent set, complete from then on; older users get it from a rebuild.
            if (_sets.Count == 0)
            {
                await SetIdAsync(AgentSet.EveryAgent, cancellationToken);
            }

            _deltas = new RollupDeltas(_sets.TryGetValue(AgentSet.EveryAgent, out var everyAgent) ? everyAgent : null);
            // The held copies' values were decided when stored: looked up, never admitted again.
            var stored = await keys.LookupAsync(copies.Values.Select(c => c.Facts).SelectMany(KeysOf), cancellationToken);
            _keyIds = stored.Count == 0 ? admitted : admitted.Concat(stored).DistinctBy(k => k.Key).ToDictionary();
            _prices = await PriceBooks.LoadAsync(db, userId, cancellationToken);

            var created = 0;
            var updated = 0;
            foreach (var fetched in incoming)
            {
                var call = fetched;
                if (!copies.TryGetValue(call.Id, out var held))
                {
                    call = _prices.Charge(call, [agentId]);
                    var other = UsageKeyRegistry.Decide(call, _keyIds);
                    // Most calls of a page are new and belong to the agent alone: its set is looked up once.
                    _ownSet ??= await SetIdAsync([agentId], cancellationToken);
                    _deltas.Add(_ownSet.Value, call, KeyIds(call, other), +1);
                    _inserts.Add(CallUsage.From(agentId, userId, call, syncedAt, other));
                    created++;
                    continue;
                }

                var joining = !held.Members.Contains(agentId);
                // Revenue belongs to the call's holders: a new holder may be the earliest-created agent, which prices it.
                var newest = _prices.Charge(held.Facts.NewerOf(call), joining ? held.Members.Append(agentId) : held.Members);
                var changed = newest != held.Facts;
                if (!changed && !joining)
                {
                    continue;
                }

                // The call moves from its old set (and old facts) to its new set (and newest facts).
                var oldSet = await SetIdAsync(held.Members, cancellationToken);
                var newSet = joining ? await SetIdAsync(held.Members.Append(agentId), cancellationToken) : oldSet;
                // A value the call keeps keeps its decision; a changed one is decided again. Every copy gets the same.
                var newOther = UsageKeyRegistry.Decide(newest, _keyIds, held.Facts, held.Other);
                _deltas.Add(oldSet, held.Facts, KeyIds(held.Facts, held.Other), -1);
                _deltas.Add(newSet, newest, KeyIds(newest, newOther), +1);
                if (joining)
                {
                    _inserts.Add(CallUsage.From(agentId, userId, newest, syncedAt, newOther));
                    created++;
                }

                if (changed)
                {
                    _updates.Add(CallUsage.From(agentId, userId, newest, syncedAt, newOther));
                    updated += joining ? 0 : 1;
                }
            }

            var writer = new CallUsageWriter(db);
            await writer.InsertAsync(_inserts, cancellationToken);
            await writer.UpdateAllCopiesAsync(_updates, cancellationToken);
            await ApplyRollupsAsync(cancellationToken);
            return new UpsertResult(created, updated);
        }

        private (int, int, int) KeyIds(CallFacts facts, OtherKeys other) => UsageKeyRegistry.IdsOf(facts, other, _keyIds);

        private Task<long> SetIdAsync(IEnumerable<Guid> members, CancellationToken cancellationToken) =>
            SetIdAsync(AgentSet.Key(members.Distinct()), cancellationToken);

        private async Task<long> SetIdAsync(string key, CancellationToken cancellationToken)
        {
            if (_sets.TryGetValue(key, out var id))
            {
                return id;
            }

            var set = new AgentSet { UserId = userId, Members = key };
            db.AgentSets.Add(set);
            await db.SaveChangesAsync(cancellationToken);
            return _sets[key] = set.Id;
        }

        private async Task ApplyRollupsAsync(CancellationToken cancellationToken)
        {
            if (_deltas.All.Count == 0)
            {
                return;
            }

            var setIds = _deltas.All.Keys.Select(k => k.SetId).Distinct().ToList();
            var buckets = _deltas.All.Keys.Select(k => k.Bucket).Distinct().ToList();
            var existing = (await db.UsageRollups
                    .Where(r => EF.Parameter(setIds).Contains(r.AgentSetId) && EF.Parameter(buckets).Contains(r.BucketStartMs))
                    .ToListAsync(cancellationToken))
                .ToDictionary(r => (r.AgentSetId, r.Granularity, r.BucketStartMs));

            foreach (var (key, delta) in _deltas.All)
            {
                if (!existing.TryGetValue(key, out var rollup))
                {
                    rollup = new UsageRollup { AgentSetId = key.SetId, Granularity = key.Granularity, BucketStartMs = key.Bucket, UserId = userId };
                    db.UsageRollups.Add(rollup);
                }

                delta.ApplyTo(rollup);
                if (rollup.Calls == 0)
                {
                    db.UsageRollups.Remove(rollup);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
