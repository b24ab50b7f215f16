using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
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
/// The settings belong to SQLite's own connection, which Microsoft.Data.Sqlite pools across opens, so each native
/// connection gets them once, not on every open (three statements prepared per request were a visible share of
/// a simple read).
/// </summary>
internal sealed class SqliteConnectionSettingsInterceptor : DbConnectionInterceptor
{
    private const string Settings = "PRAGMA secure_delete = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";

    // Native connections already configured; an entry goes when its connection is collected.
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        var handle = (connection as SqliteConnection)?.Handle;
        if (handle is not null && Configured.TryGetValue(handle, out _))
        {
            return;
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = Settings;
            command.ExecuteNonQuery();
        }

        if (handle is not null)
        {
            Configured.AddOrUpdate(handle, Configured);
        }
    }
}
