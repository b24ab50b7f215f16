using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VapiAgents.Application.Pricing;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Sync;
using VapiAgents.Infrastructure.Usage.Schema;

namespace VapiAgents.Infrastructure.Usage.Write;

/// <summary>
/// Reprices stored calls in one transaction under the user's sync lock (so no sync batch interleaves): reads only
/// the columns pricing needs, updates every copy of each call whose charge changed, and moves the differences of
/// billable seconds and revenue into the hour and day rollups of the call's agent set. Nothing else of a rollup changes.
/// </summary>
public sealed class RevenueRepricer(IServiceScopeFactory scopes) : IRevenueRepricer
{
    public async Task<long> RepriceAsync(string userId, IReadOnlyCollection<Guid> agentIds, DateOnly from, CancellationToken cancellationToken)
    {
        if (agentIds.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var changed = await RepriceLockedAsync(db, userId, agentIds.ToList(), from, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return changed;
        });
    }

    private static async Task<long> RepriceLockedAsync(ApplicationDbContext db, string userId, List<Guid> ids, DateOnly from, CancellationToken cancellationToken)
    {
        if (await db.UserSyncLocks.Where(l => l.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(l => l.Version, l => l.Version + 1), cancellationToken) == 0)
        {
            db.UserSyncLocks.Add(new UserSyncLock { UserId = userId });
            await db.SaveChangesAsync(cancellationToken);
        }

        var book = await PriceBooks.LoadAsync(db, userId, cancellationToken);
        var sets = await db.AgentSets.AsNoTracking().Where(s => s.UserId == userId).ToDictionaryAsync(s => s.Members, s => s.Id, cancellationToken);
        var since = from == DateOnly.MinValue ? DateTime.UnixEpoch : from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        // Every copy of every call one of the agents holds: the set, and so the pricing agent, depends on all of them.
        // The calls are found from the agents' own rows (AgentId, CreatedAt), then their copies by (UserId, CallId); all
        // copies of a call share CreatedAt, and the outer filter keeps the user's rows only. (Asked as "any copy held by
        // one of them" per row, SQLite without statistics probed the covering (UserId, StartedAt, …) index by UserId
        // alone for each row: quadratic in the user's calls.)
        var held = db.CallUsages.Where(v => ids.Contains(v.AgentId) && v.CreatedAt >= since).Select(v => v.CallId);
        var rows = await db.CallUsages.AsNoTracking()
            .Where(u => u.UserId == userId && held.Contains(u.CallId))
            .OrderBy(u => u.CallId).ThenBy(u => u.AgentId)
            .Select(u => new PricedRow(u.CallId, u.AgentId, u.CreatedAt, u.DurationMs, u.BillableSeconds, u.Revenue))
            .ToListAsync(cancellationToken);

        var changes = new List<(string CallId, long BillableSeconds, long RevenueUnits)>();
        var deltas = new Dictionary<(long SetId, RollupGranularity Granularity, long Bucket), (long Seconds, long Units)>();
        foreach (var copies in rows.GroupBy(r => r.CallId, StringComparer.Ordinal))
        {
            var first = copies.First();
            var charge = book.ChargeFor(copies.Select(c => c.AgentId), first.CreatedAt, first.DurationMs);
            var (seconds, units) = (charge.BillableSeconds - first.BillableSeconds, Money.ToUnits(charge.Revenue) - Money.ToUnits(first.Revenue));
            if (seconds == 0 && units == 0)
            {
                continue;
            }

            changes.Add((first.CallId, charge.BillableSeconds, Money.ToUnits(charge.Revenue)));
            // The call's own set, and the every-agent set where the user has one (ADR 031).
            foreach (var setId in SetsOf(sets, copies.Select(c => c.AgentId)))
            {
                foreach (var (granularity, size) in new[] { (RollupGranularity.Hour, RollupDeltas.HourMs), (RollupGranularity.Day, RollupDeltas.DayMs) })
                {
                    var key = (setId, granularity, RollupDeltas.Bucket(first.CreatedAt, size));
                    var sum = deltas.GetValueOrDefault(key);
                    deltas[key] = (sum.Seconds + seconds, sum.Units + units);
                }
            }
        }

        if (changes.Count == 0)
        {
            return 0;
        }

        await UpdateCopiesAsync(db, userId, changes, cancellationToken);
        await ApplyToRollupsAsync(db, deltas, cancellationToken);
        return changes.Count;
    }

    private static IEnumerable<long> SetsOf(Dictionary<string, long> sets, IEnumerable<Guid> holders)
    {
        yield return sets[AgentSet.Key(holders)];
        if (sets.TryGetValue(AgentSet.EveryAgent, out var everyAgent))
        {
            yield return everyAgent;
        }
    }

    /// <summary>
    /// Every copy of every changed call. PostgreSQL: one UPDATE joined to the changes sent as three arrays
    /// (<see cref="UpdateCopiesOnPostgreSqlAsync"/>). Elsewhere one prepared UPDATE run per changed call: in process
    /// on SQLite that is a few microseconds a call.
    /// </summary>
    private static async Task UpdateCopiesAsync(
        ApplicationDbContext db, string userId, List<(string CallId, long BillableSeconds, long RevenueUnits)> changes, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await UpdateCopiesOnPostgreSqlAsync(db, userId, changes, cancellationToken);
            return;
        }

        var (command, seconds, revenue, call) = UpdateCopiesCommand(db, userId);
        await using (command)
        {
            await command.PrepareAsync(cancellationToken);
            foreach (var change in changes)
            {
                (seconds.Value, revenue.Value, call.Value) = (change.BillableSeconds, change.RevenueUnits, change.CallId);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// One round trip per call made a past-dated price on 68,676 calls take 20 s on PostgreSQL, nearly all of it
    /// waiting for the server; a CASE on the call id over 500 calls a statement still took 17 s for 137,236 (the CASE
    /// compares each row with every id). Joined to arrays, the server looks each call up once.
    /// </summary>
    private static async Task UpdateCopiesOnPostgreSqlAsync(
        ApplicationDbContext db, string userId, List<(string CallId, long BillableSeconds, long RevenueUnits)> changes, CancellationToken cancellationToken)
    {
        foreach (var chunk in changes.Chunk(CallsPerArrayUpdate))
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = """
                UPDATE "CallUsages" AS u SET "BillableSeconds" = v.seconds, "Revenue" = v.revenue
                FROM unnest(@calls, @seconds, @revenue) AS v(call, seconds, revenue)
                WHERE u."UserId" = @user AND u."CallId" = v.call
                """;
            command.Parameters.Add(new NpgsqlParameter<string[]>("calls", chunk.Select(c => c.CallId).ToArray()));
            command.Parameters.Add(new NpgsqlParameter<long[]>("seconds", chunk.Select(c => c.BillableSeconds).ToArray()));
            command.Parameters.Add(new NpgsqlParameter<long[]>("revenue", chunk.Select(c => c.RevenueUnits).ToArray()));
            command.Parameters.Add(new NpgsqlParameter<string>("user", userId));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Bounds one statement's arrays (a few MB). Large, because the server joins each statement's arrays to the user's rows by
    /// a hash join over all of them: at 20,000 calls a statement that scan was 1 of each 1.7 s.
    /// </summary>
    private const int CallsPerArrayUpdate = 100_000;

    /// <summary>
    /// The UPDATE of a call's copies with its parameters bound, not run: built here so a test can parse the SQL Server
    /// text without a server.
    /// </summary>
    internal static (DbCommand Command, DbParameter Seconds, DbParameter Revenue, DbParameter Call) UpdateCopiesCommand(ApplicationDbContext db, string userId)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """UPDATE "CallUsages" SET "BillableSeconds" = @seconds, "Revenue" = @revenue WHERE "UserId" = @user AND "CallId" = @call""";
        var seconds = Add(command, "@seconds", 0L);
        var revenue = Add(command, "@revenue", 0L);
        Add(command, "@user", userId);
        var call = Add(command, "@call", "");
        return (command, seconds, revenue, call);
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static async Task ApplyToRollupsAsync(
        ApplicationDbContext db, Dictionary<(long SetId, RollupGranularity Granularity, long Bucket), (long Seconds, long Units)> deltas, CancellationToken cancellationToken)
    {
        var setIds = deltas.Keys.Select(k => k.SetId).Distinct().ToList();
        var buckets = deltas.Keys.Select(k => k.Bucket).Distinct().ToList();
        var rollups = await db.UsageRollups
            .Where(r => EF.Parameter(setIds).Contains(r.AgentSetId) && EF.Parameter(buckets).Contains(r.BucketStartMs))
            .ToListAsync(cancellationToken);
        foreach (var rollup in rollups)
        {
            if (deltas.TryGetValue((rollup.AgentSetId, rollup.Granularity, rollup.BucketStartMs), out var delta))
            {
                rollup.BillableSeconds += delta.Seconds;
                rollup.RevenueUnits += delta.Units;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record PricedRow(string CallId, Guid AgentId, DateTime CreatedAt, long DurationMs, long BillableSeconds, decimal Revenue);
}
