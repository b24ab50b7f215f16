using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VapiAgents.Infrastructure.Persistence;

/// <summary>
/// Settings every SQLite connection gets when it opens.
/// <list type="bullet">
/// <item><c>secure_delete</c>: SQLite keeps deleted and overwritten bytes in free pages; with it they are zeroed, so a
/// destroyed key's ciphertext does not linger in the file.</item>
/// <item><c>journal_mode = WAL</c> (stored in the file, so a no-op after the first time) with <c>synchronous = NORMAL</c>:
/// a commit appends to the write-ahead log without waiting for the disk, and readers never block the writer. A
/// crash of the process loses nothing committed; a power cut may lose the last commits, never the file's
/// integrity — and a sync re-reads what it lost, since its upserts are idempotent. With the default rollback
/// journal every sync page paid for several disk flushes (see docs/benchmarks.md).</item>
/// </list>
/// </summary>
internal sealed class SqliteConnectionSettingsInterceptor : DbConnectionInterceptor
{
    private const string Settings = "PRAGMA secure_delete = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Settings;
        command.ExecuteNonQuery();
    }
}
