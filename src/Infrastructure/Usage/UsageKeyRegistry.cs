using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Persistence.ReadModel;

namespace VapiAgents.Infrastructure.Usage;

/// <summary>
/// Interns breakdown values (ended reasons, types, statuses) into small ids. A key's id never changes once
/// stored, so each instance may cache what it has seen without ever disagreeing with another.
/// </summary>
public sealed class UsageKeyRegistry(IServiceScopeFactory scopes)
{
    public const int NoValue = 0;

    private readonly ConcurrentDictionary<(BreakdownDimension, string), int> _ids = new();
    private readonly ConcurrentDictionary<int, (BreakdownDimension, string)> _values = new();

    /// <summary>Ids for every value, inserting the new ones (outside any batch transaction, so a race costs only a re-read).</summary>
    public async Task<IReadOnlyDictionary<(BreakdownDimension, string), int>> ResolveAsync(
        IEnumerable<(BreakdownDimension Dimension, string? Value)> keys, CancellationToken cancellationToken)
    {
        var wanted = keys.Where(k => k.Value is not null).Select(k => (k.Dimension, k.Value!)).Distinct().ToList();
        var missing = wanted.Where(k => !_ids.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            await LoadOrInsertAsync(missing, cancellationToken);
        }

        return wanted.ToDictionary(k => k, k => _ids[k]);
    }

    public int IdOf(BreakdownDimension dimension, string? value, IReadOnlyDictionary<(BreakdownDimension, string), int> resolved) =>
        value is null ? NoValue : resolved[(dimension, value)];

    /// <summary>The value of an id, or null for <see cref="NoValue"/>.</summary>
    public async Task<IReadOnlyDictionary<int, string>> ValuesAsync(IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var list = ids.Where(id => id != NoValue).Distinct().ToList();
        var unknown = list.Where(id => !_values.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            foreach (var key in await db.UsageKeys.AsNoTracking().Where(k => unknown.Contains(k.Id)).ToListAsync(cancellationToken))
            {
                Remember(key);
            }
        }

        return list.Where(_values.ContainsKey).ToDictionary(id => id, id => _values[id].Item2);
    }

    private async Task LoadOrInsertAsync(List<(BreakdownDimension Dimension, string Value)> missing, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var values = missing.Select(k => k.Value).Distinct().ToList();
        foreach (var key in await db.UsageKeys.AsNoTracking().Where(k => values.Contains(k.Value)).ToListAsync(cancellationToken))
        {
            Remember(key);
        }

        // All new keys in one statement batch; if another instance stored one of them meanwhile, one at a time.
        var added = missing.Where(k => !_ids.ContainsKey(k)).Select(k => new UsageKey { Dimension = (byte)k.Dimension, Value = k.Value }).ToList();
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

        foreach (var key in added)
        {
            await InsertOneAsync(db, (BreakdownDimension)key.Dimension, key.Value, cancellationToken);
        }
    }

    private async Task InsertOneAsync(ApplicationDbContext db, BreakdownDimension dimension, string value, CancellationToken cancellationToken)
    {
        var key = new UsageKey { Dimension = (byte)dimension, Value = value };
        db.UsageKeys.Add(key);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (UniqueConstraintException)
        {
            // Another instance stored it first: read its id.
            db.Entry(key).State = EntityState.Detached;
            key = await db.UsageKeys.AsNoTracking().SingleAsync(k => k.Dimension == (byte)dimension && k.Value == value, cancellationToken);
        }

        Remember(key);
    }

    private void Remember(UsageKey key)
    {
        var dimension = (BreakdownDimension)key.Dimension;
        _ids[(dimension, key.Value)] = key.Id;
        _values[key.Id] = (dimension, key.Value);
    }
}
