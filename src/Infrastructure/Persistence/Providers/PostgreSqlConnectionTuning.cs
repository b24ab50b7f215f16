using System.Data.Common;
using Npgsql;

namespace VapiAgents.Infrastructure.Persistence.Providers;

/// <summary>
/// Defaults for the product's PostgreSQL connections: statements are prepared on the server after a few uses, and a
/// connection returned to the pool is not reset. Together that nearly doubled the authenticated list route
/// (docs/benchmarks.md, HTTP; ADR 012). Nothing here keeps session state a reset would have to clear: EF issues no
/// <c>SET</c>, temporary tables or <c>LISTEN</c>, and Hangfire's storage (which shares the string, and so the pool)
/// takes its locks as rows and runs without long polling. A value the operator writes in the connection string wins.
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

        if (!written.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
