using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SQLitePCL;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Usage.Write;

/// <summary>
/// Writes call rows in bulk inside the caller's transaction — each provider's fastest path: a prepared
/// INSERT stepped through SQLite's own API, binary COPY on PostgreSQL, multi-row INSERTs on SQL Server — and UPDATEs that refresh
/// every copy of a call the user holds. Columns, names and value conversions come from the EF model, so
/// rows written here read back through EF exactly as if EF had written them. Double-quoted identifiers
/// and @-parameters work on SQLite, PostgreSQL and SQL Server alike.
/// </summary>
internal sealed class CallUsageWriter
{
    // SQL Server takes 2,100 parameters a command.
    private const int MaxSqlServerParameters = 2000;

    private static readonly string[] KeyColumns = [nameof(CallUsage.AgentId), nameof(CallUsage.CallId), nameof(CallUsage.UserId)];

    private readonly ApplicationDbContext _db;
    private readonly string _table;
    private readonly Column[] _columns;
    private readonly string _columnList;
    private readonly bool _isSqlite;

    public CallUsageWriter(ApplicationDbContext db)
    {
        _db = db;
        var entity = db.Model.FindEntityType(typeof(CallUsage))!;
        _table = Quote(entity.GetTableName()!);
        _columns = entity.GetProperties().Select(p => new Column(p, Quote(p.GetColumnName()), p.GetRelationalTypeMapping())).ToArray();
        _columnList = string.Join(", ", _columns.Select(c => c.Name));
        _isSqlite = db.Database.IsSqlite();
    }

    public async Task InsertAsync(IReadOnlyList<CallUsage> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (_isSqlite)
        {
            InsertOnSqlite(rows);
        }
        else if (_db.Database.IsNpgsql())
        {
            await CopyAsync(rows, cancellationToken);
        }
        else
        {
            await InsertMultiRowAsync(rows, cancellationToken);
        }
    }

    /// <summary>
    /// SQLite: one prepared statement stepped once per row, its values bound by position straight through SQLite's
    /// own API. (Through ADO.NET every execution looks each parameter up by name and boxes every value, which cost
    /// more than SQLite's insert itself; a statement with thousands of parameters is slower still.) Values are the
    /// provider values EF binds, as the SQLite types it binds them as — integers, text, Guids as upper-case text — so
    /// the rows read back through EF identically. The statement runs on the connection inside its transaction.
    /// </summary>
    private void InsertOnSqlite(IReadOnlyList<CallUsage> rows)
    {
        var connection = (SqliteConnection)_db.Database.GetDbConnection();
        var sql = $"INSERT INTO {_table} ({_columnList}) " +
                  $"VALUES ({string.Join(", ", _columns.Select((_, i) => $"?{i + 1}"))})";
        Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement), connection);
        using (statement)
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < _columns.Length; i++)
                {
                    Check(Bind(statement, i + 1, _columns[i].ProviderValue(row)), connection);
                }

                var done = raw.sqlite3_step(statement);
                if (done != raw.SQLITE_DONE)
                {
                    Check(done, connection);
                }

                Check(raw.sqlite3_reset(statement), connection);
            }
        }
    }

    private static int Bind(sqlite3_stmt statement, int index, object value) => value switch
    {
        DBNull => raw.sqlite3_bind_null(statement, index),
        string text => raw.sqlite3_bind_text(statement, index, text),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        short number => raw.sqlite3_bind_int64(statement, index, number),
        byte number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        // Microsoft.Data.Sqlite binds a Guid as upper-case text, the form EF Core's queries compare against.
        Guid id => raw.sqlite3_bind_text(statement, index, id.ToString("D").ToUpperInvariant()),
        _ => throw new NotSupportedException($"A call row value of type {value.GetType().Name} is not bound here."),
    };

    private static void Check(int code, SqliteConnection connection)
    {
        if (code != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(code, connection.Handle);
        }
    }

    /// <summary>PostgreSQL: binary COPY, the server's bulk path, inside the batch's transaction.</summary>
    private async Task CopyAsync(IReadOnlyList<CallUsage> rows, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)_db.Database.GetDbConnection();
        var copy = $"COPY {_table} ({_columnList}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in _columns)
            {
                var value = column.ProviderValue(row);
                if (value is DBNull)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(value, column.Mapping.StoreTypeNameBase, cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>SQL Server: multi-row INSERTs within its 2,100-parameter limit.</summary>
    private async Task InsertMultiRowAsync(IReadOnlyList<CallUsage> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(SqlServerRowsPerCommand))
        {
            await using var command = MultiRowInsertCommand(chunk);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    internal int SqlServerRowsPerCommand => Math.Min(1000, MaxSqlServerParameters / _columns.Length);

    /// <summary>
    /// The multi-row INSERT of <paramref name="chunk"/>, its values bound, not run: the SQL Server path runs it, and a test
    /// parses its text with SQL Server's own parser (no SQL Server runs here).
    /// </summary>
    internal DbCommand MultiRowInsertCommand(IReadOnlyList<CallUsage> chunk)
    {
        var command = NewCommand();
        var sql = new StringBuilder("INSERT INTO ").Append(_table).Append(" (")
            .Append(_columnList).Append(") VALUES ");
        for (var row = 0; row < chunk.Count; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var col = 0; col < _columns.Length; col++)
            {
                var name = $"@p{row}_{col}";
                sql.Append(col == 0 ? "" : ", ").Append(name);
                command.Parameters.Add(_columns[col].Parameter(command, name, chunk[row]));
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        return command;
    }

    /// <summary>Sets every copy of each call (any of the user's agents) to the given facts.</summary>
    public async Task UpdateAllCopiesAsync(IReadOnlyList<CallUsage> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var (command, bindings) = UpdateAllCopiesCommand(rows[0]);
        await using (command)
        {
            // One prepared statement, run once per row with that row's values.
            var parameters = command.Parameters.Cast<DbParameter>().ToArray();
            await command.PrepareAsync(cancellationToken);
            foreach (var row in rows)
            {
                for (var i = 0; i < bindings.Length; i++)
                {
                    parameters[i].Value = bindings[i].ProviderValue(row);
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// The UPDATE of every copy of a call, bound to <paramref name="first"/>'s values, not run; the columns are in
    /// the order of the command's parameters. Built here so a test can parse the SQL Server text without a server.
    /// </summary>
    internal (DbCommand Command, Column[] Bindings) UpdateAllCopiesCommand(CallUsage first)
    {
        var values = _columns.Where(c => !KeyColumns.Contains(c.Property.Name)).ToArray();
        var userId = _columns.Single(c => c.Property.Name == nameof(CallUsage.UserId));
        var callId = _columns.Single(c => c.Property.Name == nameof(CallUsage.CallId));
        var sql = $"UPDATE {_table} SET {string.Join(", ", values.Select((c, i) => $"{c.Name} = @v{i}"))} " +
                  $"WHERE {userId.Name} = @user AND {callId.Name} = @call";
        (Column Column, string Name)[] bindings = [.. values.Select((c, i) => (c, $"@v{i}")), (userId, "@user"), (callId, "@call")];
        var command = NewCommand();
        command.CommandText = sql;
        command.Parameters.AddRange(bindings.Select(b => b.Column.Parameter(command, b.Name, first)).ToArray());
        return (command, bindings.Select(b => b.Column).ToArray());
    }

    private DbCommand NewCommand()
    {
        var command = _db.Database.GetDbConnection().CreateCommand();
        command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static string Quote(string identifier) => $"\"{identifier}\"";

    internal sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping)
    {
        private readonly IClrPropertyGetter _getter = Property.GetGetter();

        public DbParameter Parameter(DbCommand command, string name, CallUsage row) =>
            Mapping.CreateParameter(command, name, _getter.GetClrValue(row), Property.IsNullable);

        /// <summary>The row's value as the database stores it (after the property's converter).</summary>
        public object ProviderValue(CallUsage row) =>
            (Mapping.Converter is { } converter ? converter.ConvertToProvider(_getter.GetClrValue(row)) : _getter.GetClrValue(row)) ?? DBNull.Value;
    }
}
