using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VapiAgents.Infrastructure.Persistence;

/// <summary>
/// SQLite keeps deleted and overwritten bytes in free pages; with secure_delete they are zeroed, so a
/// destroyed key's ciphertext does not linger in the file.
/// </summary>
internal sealed class SqliteSecureDeleteInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON;";
        command.ExecuteNonQuery();
    }
}
