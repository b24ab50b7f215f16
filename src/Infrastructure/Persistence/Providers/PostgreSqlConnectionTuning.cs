using System.Data.Common;
using Npgsql;

namespace VapiAgents.Infrastructure.Persistence.Providers;

/// <summary>
/// Defaults for the product's PostgreSQL connections: statements are prepared on the server after a few uses, which
/// took the authenticated list route from 5,100 to 7,200 requests a second (docs/benchmarks.md, HTTP; ADR 012). A
/// value the operator writes in the connection string wins. The session reset on return to the pool stays on:
/// skipping it (<c>No Reset On Close</c>) was faster still, but background jobs then failed intermittently under
/// load (a job could not find the sync run it was queued for), and passed again with the reset (ADR 012).
/// </summary>
public static class PostgreSqlConnectionTuning
{
    public const int MaxAutoPrepare = 32;

    public static string Apply(string connectionString)
    {
        // Npgsql's builder reports every known key as present, so what the operator wrote is read from the raw pairs.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())
            .ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!written.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        return builder.ConnectionString;
    }
}
