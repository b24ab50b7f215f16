using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using VapiAgents.Application.Metrics;
using VapiAgents.Infrastructure.Usage.Schema;

namespace VapiAgents.Infrastructure.Usage.Read;

/// <summary>
/// The brief sums (<see cref="UsageBrief"/>) of rollup rows grouped by a key, added by the database. It reads only the
/// columns of the covering index <c>IX_UsageRollups_Briefs</c>, never a row's breakdown.
/// </summary>
internal static class RollupBriefSums
{
    public static async Task<Dictionary<long, UsageBrief>> BriefSumsByAsync(
        this IQueryable<UsageRollup> rows, Expression<Func<UsageRollup, long>> key, CancellationToken cancellationToken)
    {
        var sums = await rows
            .GroupBy(key)
            .Select(g => new
            {
                g.Key, Calls = g.Sum(r => r.Calls), DurationMs = g.Sum(r => r.DurationMs), Cost = g.Sum(r => r.CostUnits),
                BillableSeconds = g.Sum(r => r.BillableSeconds), Revenue = g.Sum(r => r.RevenueUnits),
            })
            .ToListAsync(cancellationToken);
        return sums.ToDictionary(s => s.Key, s => new UsageBrief(s.Calls, s.DurationMs, s.Cost, s.BillableSeconds, s.Revenue));
    }
}
