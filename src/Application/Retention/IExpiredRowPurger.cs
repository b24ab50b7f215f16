namespace VapiAgents.Application.Retention;

/// <summary>Deletes, table by table in batches, the rows older than each table's retention.</summary>
public interface IExpiredRowPurger
{
    Task<IReadOnlyList<PurgedTable>> PurgeAsync(DateTime now, CancellationToken cancellationToken);
}

/// <summary>What one table's purge did: its retention, the cut-off and how many rows went.</summary>
public sealed record PurgedTable(string Table, int Days, DateTime Cutoff, long Deleted);
