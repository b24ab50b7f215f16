using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Limits;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Usage.Schema;

namespace VapiAgents.Infrastructure.Usage;

/// <summary>
/// Interns breakdown values (ended reasons, types, statuses) into small ids. A key's id never changes once
/// stored, so each instance may cache what it has seen without ever disagreeing with another. Only the write
/// path adds keys, and at most <see cref="LimitsOptions.NewUsageKeysPerAgentPerDay"/> new ones per agent per UTC
/// day (ADR 030); a value refused a key counts as <see cref="Other"/>. Readers and the rebuild only look up.
/// </summary>
public sealed class UsageKeyRegistry(IServiceScopeFactory scopes, IOptions<LimitsOptions> limits, TimeProvider clock)
{
    /// <summary>A call without the value (null): no key.</summary>
    public const int NoValue = 0;

    /// <summary>A value refused a key (its agent's quota of new keys was spent): counted as <see cref="OtherValue"/>.</summary>
    public const int Other = -1;

    /// <summary>What the breakdowns show for <see cref="Other"/>.</summary>
    public const string OtherValue = "other";

    // Only stored keys are cached, so both stay as small as the key table (itself bounded by the cap).
    private readonly ConcurrentDictionary<(BreakdownDimension, string), int> _ids = new();
    private readonly ConcurrentDictionary<int, (BreakdownDimension, string)> _values = new();

    /// <summary>
    /// Ids for the values of calls an agent is storing, given in the calls' order (CreatedAt, then id): values already
    /// stored, and new ones inserted in order of first appearance while the agent's quota of the day lasts. A refused
    /// value is absent from the answer (<see cref="IdOf"/> gives <see cref="Other"/>). Runs outside any batch
    /// transaction, so a race costs only a re-read.
    /// </summary>
    public async Task<IReadOnlyDictionary<(BreakdownDimension, string), int>> AdmitAsync(
        Guid agentId, IEnumerable<(BreakdownDimension Dimension, string? Value)> keysInOrder, CancellationToken cancellationToken)
    {
        var wanted = InOrder(keysInOrder);
        var missing = wanted.Where(k => !_ids.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            await LoadOrAdmitAsync(agentId, missing, cancellationToken);
        }

        return Known(wanted);
    }

    /// <summary>Ids of the values already stored; never inserts (readers and the rebuild). Unknown values are absent.</summary>
    public async Task<IReadOnlyDictionary<(BreakdownDimension, string), int>> LookupAsync(
        IEnumerable<(BreakdownDimension Dimension, string? Value)> keys, CancellationToken cancellationToken)
    {
        var wanted = InOrder(keys);
        var missing = wanted.Where(k => !_ids.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            await LoadAsync(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>(), missing, cancellationToken);
        }

        return Known(wanted);
    }

    public static int IdOf(BreakdownDimension dimension, string? value, IReadOnlyDictionary<(BreakdownDimension, string), int> resolved) =>
        value is null ? NoValue : resolved.TryGetValue((dimension, value), out var id) ? id : Other;

    /// <summary>The key ids a call counts under: <see cref="Other"/> where its row says so, else the value's id.</summary>
    public static (int Reason, int Type, int Status) IdsOf(CallFacts facts, OtherKeys other, IReadOnlyDictionary<(BreakdownDimension, string), int> resolved) => (
        other.HasFlag(OtherKeys.EndedReason) ? Other : IdOf(BreakdownDimension.EndedReason, facts.EndedReason, resolved),
        other.HasFlag(OtherKeys.Type) ? Other : IdOf(BreakdownDimension.Type, facts.Type, resolved),
        other.HasFlag(OtherKeys.Status) ? Other : IdOf(BreakdownDimension.Status, facts.Status, resolved));

    /// <summary>
    /// Which values of <paramref name="facts"/> count as other: a value the call already had keeps the decision made then
    /// (<paramref name="before"/>, <paramref name="frozen"/>); a new or changed one is other if it was refused a key.
    /// </summary>
    public static OtherKeys Decide(
        CallFacts facts, IReadOnlyDictionary<(BreakdownDimension, string), int> resolved, CallFacts? before = null, OtherKeys frozen = OtherKeys.None) =>
        Decide(OtherKeys.EndedReason, BreakdownDimension.EndedReason, facts.EndedReason, before?.EndedReason, before is not null, frozen, resolved)
        | Decide(OtherKeys.Type, BreakdownDimension.Type, facts.Type, before?.Type, before is not null, frozen, resolved)
        | Decide(OtherKeys.Status, BreakdownDimension.Status, facts.Status, before?.Status, before is not null, frozen, resolved);

    /// <summary>The value of an id: null for <see cref="NoValue"/>, <see cref="OtherValue"/> for <see cref="Other"/>.</summary>
    public async Task<IReadOnlyDictionary<int, string>> ValuesAsync(IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var list = ids.Where(id => id != NoValue).Distinct().ToList();
        var unknown = list.Where(id => id != Other && !_values.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            foreach (var key in await db.UsageKeys.AsNoTracking().Where(k => unknown.Contains(k.Id)).ToListAsync(cancellationToken))
            {
                Remember(key);
            }
        }

        return list.Where(id => id == Other || _values.ContainsKey(id)).ToDictionary(id => id, id => id == Other ? OtherValue : _values[id].Item2);
    }

    private static OtherKeys Decide(
        OtherKeys bit, BreakdownDimension dimension, string? value, string? before, bool held, OtherKeys frozen,
        IReadOnlyDictionary<(BreakdownDimension, string), int> resolved)
    {
        if (held && string.Equals(value, before, StringComparison.Ordinal))
        {
            return frozen & bit;
        }

        return value is not null && !resolved.ContainsKey((dimension, value)) ? bit : OtherKeys.None;
    }

    /// <summary>The distinct values, in order of first appearance (the order decides which new ones are admitted).</summary>
    private static List<(BreakdownDimension, string)> InOrder(IEnumerable<(BreakdownDimension Dimension, string? Value)> keys)
    {
        var seen = new HashSet<(BreakdownDimension, string)>();
        var list = new List<(BreakdownDimension, string)>();
        foreach (var (dimension, value) in keys)
        {
            if (value is not null && seen.Add((dimension, value)))
            {
                list.Add((dimension, value));
            }
        }

        return list;
    }

    private Dictionary<(BreakdownDimension, string), int> Known(List<(BreakdownDimension, string)> wanted)
    {
        var known = new Dictionary<(BreakdownDimension, string), int>(wanted.Count);
        foreach (var key in wanted)
        {
            if (_ids.TryGetValue(key, out var id))
            {
                known[key] = id;
            }
        }

        return known;
    }

    private async Task LoadAsync(ApplicationDbContext db, List<(BreakdownDimension Dimension, string Value)> missing, CancellationToken cancellationToken)
    {
        var values = missing.Select(k => k.Value).Distinct().ToList();
        foreach (var key in await db.UsageKeys.AsNoTracking().Where(k => values.Contains(k.Value)).ToListAsync(cancellationToken))
        {
            Remember(key);
        }
    }

    private async Task LoadOrAdmitAsync(Guid agentId, List<(BreakdownDimension Dimension, string Value)> missing, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        await LoadAsync(db, missing, cancellationToken);
        var fresh = missing.Where(k => !_ids.ContainsKey(k)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        // Values Vapi defines are admitted whatever the count, and stored without an agent so they never count.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var known = fresh.Where(k => VapiKnownValues.IsKnown(k.Dimension, k.Value)).ToList();
        fresh = fresh.Except(known).ToList();

        // The agent's keys of today, counted in the table: every instance sees the same count (two batches of the
        // same agent at once may both admit up to the cap; ADR 030 accepts that overshoot).
        var room = fresh.Count == 0 ? 0 : limits.Value.NewUsageKeysPerAgentPerDay
                   - await db.UsageKeys.CountAsync(k => k.AgentId == agentId && k.IntroducedOn == today, cancellationToken);

        // All admitted keys in one statement batch; if another instance stored one of them meanwhile, one at a time.
        var added = known.Select(k => NewKey(k, null, today)).Concat(fresh.Take(Math.Max(0, room)).Select(k => NewKey(k, agentId, today))).ToList();
        if (added.Count == 0)
        {
            return;
        }

        db.UsageKeys.AddRange(added);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            added.ForEach(Remember);
            return;
        }
        catch (UniqueConstraintException)
        {
            db.ChangeTracker.Clear();
        }

        foreach (var key in known)
        {
            await InsertOneAsync(db, NewKey(key, null, today), cancellationToken);
        }

        // A key another agent stored meanwhile costs this agent nothing, so the quota is walked again in order.
        foreach (var key in fresh)
        {
            if (room > 0 && await InsertOneAsync(db, NewKey(key, agentId, today), cancellationToken))
            {
                room--;
            }
        }
    }

    private static UsageKey NewKey((BreakdownDimension Dimension, string Value) key, Guid? agentId, DateOnly today) =>
        new() { Dimension = (byte)key.Dimension, Value = key.Value, AgentId = agentId, IntroducedOn = today };

    /// <summary>Stores the key, or reads the one another instance stored first; true if this call stored it.</summary>
    private async Task<bool> InsertOneAsync(ApplicationDbContext db, UsageKey key, CancellationToken cancellationToken)
    {
        db.UsageKeys.Add(key);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            Remember(key);
            return true;
        }
        catch (UniqueConstraintException)
        {
            db.Entry(key).State = EntityState.Detached;
            Remember(await db.UsageKeys.AsNoTracking().SingleAsync(k => k.Dimension == key.Dimension && k.Value == key.Value, cancellationToken));
            return false;
        }
    }

    private void Remember(UsageKey key)
    {
        var dimension = (BreakdownDimension)key.Dimension;
        _ids[(dimension, key.Value)] = key.Id;
        _values[key.Id] = (dimension, key.Value);
    }
}
