namespace VapiAgents.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>Configuration section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the process starts (EF Core takes a database lock, so instances may race safely).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// Reuse DbContext instances from a pool (EF's <c>AddDbContextPool</c>): a simple read allocates half as much.
    /// Dropped once because CI runs with it had jobs that never ran; re-measured after the per-host job wiring (ADR 012).
    /// </summary>
    public bool PoolContexts { get; set; } = true;

    /// <summary>Resolved from <c>ConnectionStrings:Default</c> or the embedded default; not bound from the section.</summary>
    public string ConnectionString { get; set; } = "";
}
