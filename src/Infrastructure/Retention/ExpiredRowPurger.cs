using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Retention;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Retention;

/// <summary>Runs every registered policy in batches until a batch comes back short.</summary>
public sealed partial class ExpiredRowPurger(
    ApplicationDbContext db, IEnumerable<IRetentionPolicy> policies, IOptions<RetentionOptions> options, ILogger<ExpiredRowPurger> logger)
    : IExpiredRowPurger
{
    public async Task<IReadOnlyList<PurgedTable>> PurgeAsync(DateTime now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var batch = Math.Max(1, settings.BatchSize);
        var results = new List<PurgedTable>();
        foreach (var policy in policies)
        {
            var days = policy.Days(settings);
            if (days <= 0)
            {
                continue;
            }

            var cutoff = now.AddDays(-days);
            long deleted = 0;
            int last;
            do
            {
                last = await policy.DeleteBatchAsync(db, cutoff, batch, cancellationToken);
                deleted += last;
            }
            while (last >= batch);

            LogPurged(policy.Table, deleted, days);
            results.Add(new PurgedTable(policy.Table, days, cutoff, deleted));
        }

        return results;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Deleted} rows of {Table} older than {Days} days")]
    private partial void LogPurged(string table, long deleted, int days);
}
