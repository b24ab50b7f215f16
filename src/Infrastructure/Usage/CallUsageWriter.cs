using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Usage;

/// <summary>
/// Writes call rows in bulk inside the caller's transaction: multi-row INSERTs, and UPDATEs that refresh
/// every copy of a call the user holds. Columns, names and value conversions come from the EF model, so
/// rows written here read back through EF exactly as if EF had written them. Double-quoted identifiers
/// and @-parameters work on SQLite, PostgreSQL and SQL Server alike.
/// </summary>
internal sealed class CallUsageWriter
{
    private static readonly string[] KeyColumns = [nameof(CallUsage.AgentId), nameof(CallUsage.CallId), nameof(CallUsage.UserId)];

    private readonly ApplicationDbContext _db;
    private readonly string _table;
    private readonly Column[] _columns;
    private readonly int _maxParameters;
    private readonly bool _isSqlite;

    public CallUsageWriter(ApplicationDbContext db)
    {
        _db = db;
        var entity = db.Model.FindEntityType(typeof(CallUsage))!;
        _table = Quote(entity.GetTableName()!);
        _columns = entity.GetProperties().Select(p => new Column(p, Quote(p.GetColumnName()), p.GetRelationalTypeMapping())).ToArray();
        // SQL Server takes 2,100 parameters a command; SQLite 32,766; PostgreSQL 65,535.
        _maxParameters = db.Database.IsSqlServer() ? 2000 : 30000;
        _isSqlite = db.Database.IsSqlite();
    }

    public async Task InsertAsync(IReadOnlyList<CallUsage> rows, CancellationToken cancellationToken)
    {
        if (_isSqlite)
        {
            // SQLite binds parameters by searching the command's list by name, so a command with thousands of
            // them is slow; one prepared single-row statement, re-run with new values, is the fast path there.
            var sql = $"INSERT INTO {_table} ({string.Join(", ", _columns.Select(c => c.Name))}) " +
                      $"VALUES ({string.Join(", ", _columns.Select((_, i) => $"@c{i}"))})";
            await ExecuteForEachAsync(sql, _columns.Select((c, i) => (c, $"@c{i}")).ToArray(), rows, cancellationToken);
            return;
        }

        var rowsPerCommand = Math.Min(1000, _maxParameters / _columns.Length);
        foreach (var chunk in rows.Chunk(rowsPerCommand))
        {
            await using var command = NewCommand();
            var sql = new StringBuilder("INSERT INTO ").Append(_table).Append(" (")
                .AppendJoin(", ", _columns.Select(c => c.Name)).Append(") VALUES ");
            for (var row = 0; row < chunk.Length; row++)
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
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Sets every copy of each call (any of the user's agents) to the given facts.</summary>
    public async Task UpdateAllCopiesAsync(IReadOnlyList<CallUsage> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var values = _columns.Where(c => !KeyColumns.Contains(c.Property.Name)).ToArray();
        var userId = _columns.Single(c => c.Property.Name == nameof(CallUsage.UserId));
        var callId = _columns.Single(c => c.Property.Name == nameof(CallUsage.CallId));
        var sql = $"UPDATE {_table} SET {string.Join(", ", values.Select((c, i) => $"{c.Name} = @v{i}"))} " +
                  $"WHERE {userId.Name} = @user AND {callId.Name} = @call";
        var bindings = values.Select((c, i) => (c, $"@v{i}")).Append((userId, "@user")).Append((callId, "@call")).ToArray();
        await ExecuteForEachAsync(sql, bindings, rows, cancellationToken);
    }

    /// <summary>One prepared statement, run once per row with that row's values.</summary>
    private async Task ExecuteForEachAsync(string sql, (Column Column, string Name)[] bindings, IReadOnlyList<CallUsage> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = NewCommand();
        command.CommandText = sql;
        var parameters = bindings.Select(b => b.Column.Parameter(command, b.Name, rows[0])).ToArray();
        command.Parameters.AddRange(parameters);
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            for (var i = 0; i < bindings.Length; i++)
            {
                parameters[i].Value = bindings[i].Column.ProviderValue(row);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private DbCommand NewCommand()
    {
        var command = _db.Database.GetDbConnection().CreateCommand();
        command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static string Quote(string identifier) => $"\"{identifier}\"";

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping)
    {
        private readonly IClrPropertyGetter _getter = Property.GetGetter();

        public DbParameter Parameter(DbCommand command, string name, CallUsage row) =>
            Mapping.CreateParameter(command, name, _getter.GetClrValue(row), Property.IsNullable);

        /// <summary>The row's value as the database stores it (after the property's converter).</summary>
        public object ProviderValue(CallUsage row) =>
            (Mapping.Converter is { } converter ? converter.ConvertToProvider(_getter.GetClrValue(row)) : _getter.GetClrValue(row)) ?? DBNull.Value;
    }
}
