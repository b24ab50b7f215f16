using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace VapiAgents.Infrastructure.Persistence;

/// <summary>Recognises "the database cannot be reached right now" on each provider (answered 503, not 500).</summary>
public static class DatabaseFailures
{
    private const int SqliteBusy = 5;
    private const int SqliteIoError = 10;
    private const int SqliteCantOpen = 14;

    // Timeout, network and "cannot open database" errors, and Azure SQL's throttling and failover codes.
    private static readonly HashSet<int> SqlServerConnectionErrors = [-2, 53, 121, 233, 4060, 10053, 10054, 10060, 10928, 10929, 40197, 40501, 40613, 49918, 49919, 49920];

    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case RetryLimitExceededException:
                case TimeoutException:
                case System.Net.Sockets.SocketException:
                    return true;
                case PostgresException postgres when postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                    || postgres.SqlState == PostgresErrorCodes.ObjectNotInPrerequisiteState:
                    return true;
                case NpgsqlException npgsql when current is not PostgresException && npgsql.IsTransient:
                    return true;
                case SqliteException sqlite when sqlite.SqliteErrorCode is SqliteBusy or SqliteIoError or SqliteCantOpen:
                    return true;
                case SqlException sqlServer when SqlServerConnectionErrors.Contains(sqlServer.Number):
                    return true;
            }
        }

        return false;
    }
}
