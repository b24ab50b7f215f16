using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace VapiAgents.WebApi.FunctionalTests.Support;

/// <summary>Everything stored in the app's database as text, to prove a secret is not in it in plaintext.</summary>
public static class DatabaseSnapshot
{
    public static async Task<string> ReadAllAsync(TestApp app)
    {
        if (app.PostgresConnectionString is { } postgres)
        {
            return await ReadPostgresAsync(postgres);
        }

        // The app still runs (its sweeper, its jobs): when its last connection closes, SQLite checkpoints the
        // write-ahead log into the database and deletes it, so a file can vanish between listing and reading. Then
        // its contents are in the database file: read everything again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ReadSqliteFilesAsync(app.DataFolder);
            }
            catch (FileNotFoundException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>The raw file bytes (database and write-ahead log), not just what queries return.</summary>
    private static async Task<string> ReadSqliteFilesAsync(string folder)
    {
        SqliteConnection.ClearAllPools();
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(folder, "vapiagents.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            text.Append(Encoding.UTF8.GetString(memory.ToArray())).Append(Encoding.Unicode.GetString(memory.ToArray()));
        }

        return text.ToString();
    }

    private static async Task<string> ReadPostgresAsync(string connectionString)
    {
        var text = new StringBuilder();
        // Unpooled: a test may have terminated the database's connections, and a pooled one would be stale.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables " +
            "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT t::text FROM {table} t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
            }
        }

        return text.ToString();
    }
}
