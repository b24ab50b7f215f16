using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Pricing;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Persistence.ReadModel;

namespace VapiAgents.Infrastructure.Usage;

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
        var rows = await db.CallUsages.AsNoTracking()
            .Where(u => u.UserId == userId && u.CreatedAt >= since
                        && db.CallUsages.Any(v => v.UserId == userId && v.CallId == u.CallId && ids.Contains(v.AgentId)))
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
    /// The changed calls' copies, <see cref="CallsPerUpdate"/> calls per UPDATE: one round trip per call made a past-dated
    /// price on 70,000 calls take 20 s on PostgreSQL, nearly all of it waiting for the server's answers.
    /// </summary>
    private static async Task UpdateCopiesAsync(
        ApplicationDbContext db, string userId, List<(string CallId, long BillableSeconds, long RevenueUnits)> changes, CancellationToken cancellationToken)
    {
        foreach (var chunk in changes.Chunk(CallsPerUpdate))
        {
            await using var command = UpdateCopiesCommand(db, userId, chunk);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Three parameters a call and one for the user: within SQL Server's 2,100 parameters a command.</summary>
    internal const int CallsPerUpdate = 500;

    /// <summary>
    /// One UPDATE of every copy of the given calls, each set to its own figures by a CASE on the call id: plain SQL that
    /// all three providers run as it is. Built here, not run, so a test can parse the SQL Server text without a server.
    /// </summary>
    internal static DbCommand UpdateCopiesCommand(ApplicationDbContext db, string userId, IReadOnlyList<(string CallId, long BillableSeconds, long RevenueUnits)> calls)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var seconds = new StringBuilder();
        var revenue = new StringBuilder();
        var ids = new StringBuilder();
        for (var i = 0; i < calls.Count; i++)
        {
            Add(command, $"@c{i}", calls[i].CallId);
            Add(command, $"@s{i}", calls[i].BillableSeconds);
            Add(command, $"@r{i}", calls[i].RevenueUnits);
            seconds.Append(CultureInfo.InvariantCulture, $" WHEN @c{i} THEN @s{i}");
            revenue.Append(CultureInfo.InvariantCulture, $" WHEN @c{i} THEN @r{i}");
            ids.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"@c{i}");
        }

        Add(command, "@user", userId);
        command.CommandText = $"""
            UPDATE "CallUsages" SET "BillableSeconds" = CASE "CallId"{seconds} END, "Revenue" = CASE "CallId"{revenue} END
            WHERE "UserId" = @user AND "CallId" IN ({ids})
            """;
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
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
