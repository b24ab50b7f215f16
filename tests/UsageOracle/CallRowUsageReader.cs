using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using VapiAgents.Application.Metrics;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Usage.Read;

namespace VapiAgents.UsageOracle;

/// <summary>
/// The same answers as <see cref="RollupUsageReader"/>, straight from the call rows with plain GROUP BY
/// queries. It is the reference the rollups are checked against in tests and measured against in the
/// benchmark — correct by construction, and as slow as reading every call of the range. It lives with the tests:
/// the product never answers from it.
/// </summary>
public sealed class CallRowUsageReader(ApplicationDbContext db) : IUsageReader
{
    private const string Brief = """
        CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM("DurationMs"), 0) AS BIGINT), CAST(COALESCE(SUM("Cost"), 0) AS BIGINT),
        CAST(COALESCE(SUM("BillableSeconds"), 0) AS BIGINT), CAST(COALESCE(SUM("Revenue"), 0) AS BIGINT)
        """;

    /// <summary>Each measure as a plain aggregate over the call rows: a count, a column's sum, or a count of one outcome.</summary>
    private static readonly string Totals = string.Join(", ", UsageMeasures.All.Select(m => m switch
    {
        { CallColumn: { } column } => $"CAST(COALESCE(SUM(\"{column}\"), 0) AS BIGINT)",
        { Outcome: { } outcome } => $"CAST(COALESCE(SUM(CASE WHEN \"SuccessOutcome\" = {(int)outcome} THEN 1 ELSE 0 END), 0) AS BIGINT)",
        _ => "CAST(COUNT(*) AS BIGINT)",
    }));

    public async Task<UsageReport> ReadAsync(string userId, IReadOnlyCollection<Guid> agentIds, DayRange range, CancellationToken cancellationToken)
    {
        var bounds = RollupUsageReader.DayBounds(range);
        var totals = new UsageSums();
        await QueryAsync(Selected(userId, agentIds, bounds[0], bounds[^1], $"SELECT {Totals} FROM sel"), reader =>
        {
            foreach (var measure in UsageMeasures.All)
            {
                totals[measure] = reader.GetInt64(measure.Index);
            }
        }, cancellationToken);

        var breakdowns = new Dictionary<string, List<BreakdownEntry>>();
        // A value the usage-key cap refused counts as "other", as the row's flag says (ADR 030).
        foreach (var (column, flag) in new[] { ("EndedReason", OtherKeys.EndedReason), ("Type", OtherKeys.Type), ("Status", OtherKeys.Status) })
        {
            var entries = breakdowns[column] = [];
            var value = $"CASE WHEN (\"OtherKeys\" & {(int)flag}) <> 0 THEN 'other' ELSE \"{column}\" END";
            await QueryAsync(
                Selected(userId, agentIds, bounds[0], bounds[^1], $"SELECT {value}, CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(\"Cost\"), 0) AS BIGINT) FROM sel GROUP BY {value}"),
                reader => entries.Add(new BreakdownEntry(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2))),
                cancellationToken);
        }

        // The local days as a table of UTC bounds, so each call joins the day it belongs to.
        var days = new Dictionary<int, UsageBrief>();
        var dayTable = string.Join(" UNION ALL ", Enumerable.Range(0, range.Days).Select(i =>
            $"SELECT {i} AS \"Day\", CAST({bounds[i]} AS BIGINT) AS \"S\", CAST({bounds[i + 1]} AS BIGINT) AS \"E\""));
        await QueryAsync(
            Selected(userId, agentIds, bounds[0], bounds[^1],
                $"SELECT d.\"Day\", {Brief} FROM sel JOIN ({dayTable}) d ON sel.\"CreatedAt\" >= d.\"S\" AND sel.\"CreatedAt\" < d.\"E\" GROUP BY d.\"Day\""),
            reader => days[reader.GetInt32(0)] = Read(reader, 1),
            cancellationToken);

        // Each agent's own view: its rows, shared calls included.
        var byAgent = agentIds.ToDictionary(id => id, _ => new UsageBrief(0, 0, 0));
        var own = new Sql();
        own.Append($"SELECT \"AgentId\", {Brief} FROM \"CallUsages\" WHERE \"UserId\" = {own.Parameter(userId)} AND \"AgentId\" IN ({own.Parameters(agentIds)})")
            .Append($" AND \"CreatedAt\" >= {own.Parameter(bounds[0])} AND \"CreatedAt\" < {own.Parameter(bounds[^1])} GROUP BY \"AgentId\"");
        await QueryAsync(own, reader => byAgent[ReadGuid(reader, 0)] = Read(reader, 1), cancellationToken);

        var histogram = new long[DurationBands.All.Count];
        var bands = string.Join(" ", DurationBands.All.Skip(1).Select((b, i) => $"WHEN \"DurationMs\" < {b.FromSeconds * 1000L} THEN {i}"));
        await QueryAsync(
            Selected(userId, agentIds, bounds[0], bounds[^1],
                $"SELECT b.\"Band\", CAST(COUNT(*) AS BIGINT) FROM (SELECT CASE {bands} ELSE {DurationBands.All.Count - 1} END AS \"Band\" FROM sel WHERE \"StartedAt\" IS NOT NULL AND \"EndedAt\" IS NOT NULL) b GROUP BY b.\"Band\""),
            reader => histogram[reader.GetInt32(0)] = reader.GetInt64(1),
            cancellationToken);

        return new UsageReport(
            totals,
            Enumerable.Range(0, range.Days).Select(i => (range.First.AddDays(i), days.GetValueOrDefault(i))).ToList(),
            byAgent, breakdowns["EndedReason"], breakdowns["Type"], breakdowns["Status"])
        {
            DurationHistogram = histogram,
        };
    }

    public async Task<UsageBrief> ReadBriefAsync(string userId, IReadOnlyCollection<Guid> agentIds, DayRange range, CancellationToken cancellationToken)
    {
        var bounds = RollupUsageReader.DayBounds(range);
        var brief = new UsageBrief(0, 0, 0);
        await QueryAsync(Selected(userId, agentIds, bounds[0], bounds[^1], $"SELECT {Brief} FROM sel"),
            reader => brief = Read(reader, 0), cancellationToken);
        return brief;
    }

    /// <summary>
    /// The selected agents' rows in the range, one per call (the copy of the lowest agent id), as <c>sel</c>: one pass over
    /// the agents' rows, numbered per call. (A NOT EXISTS per row for a copy of a lower agent id was quadratic on SQLite
    /// without statistics: it probed the covering (UserId, StartedAt, …) index by UserId alone. For the same reason the
    /// user is compared as an expression, so SQLite reads the rows by (AgentId, CreatedAt), not by UserId.)
    /// </summary>
    private static Sql Selected(string userId, IReadOnlyCollection<Guid> agentIds, long fromMs, long toMs, string select)
    {
        var sql = new Sql();
        var agents = sql.Parameters(agentIds);
        return sql.Append($"""
            WITH sel AS (
              SELECT * FROM (
                SELECT u.*, ROW_NUMBER() OVER (PARTITION BY u."CallId" ORDER BY u."AgentId") AS "CopyNumber" FROM "CallUsages" u
                WHERE u."UserId" || '' = {sql.Parameter(userId)} AND u."AgentId" IN ({agents})
                  AND u."CreatedAt" >= {sql.Parameter(fromMs)} AND u."CreatedAt" < {sql.Parameter(toMs)}) numbered
              WHERE "CopyNumber" = 1)
            {select}
            """);
    }

    private async Task QueryAsync(Sql sql, Action<DbDataReader> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var mappings = db.GetService<IRelationalTypeMappingSource>();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql.Text;
            foreach (var (name, value) in sql.Values)
            {
                command.Parameters.Add(mappings.FindMapping(value.GetType())!.CreateParameter(command, name, value));
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                read(reader);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The <see cref="Brief"/> columns from an ordinal on.</summary>
    private static UsageBrief Read(DbDataReader reader, int first) => new(
        reader.GetInt64(first), reader.GetInt64(first + 1), reader.GetInt64(first + 2), reader.GetInt64(first + 3), reader.GetInt64(first + 4));

    private static Guid ReadGuid(DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(Guid) ? reader.GetGuid(ordinal) : Guid.Parse(reader.GetString(ordinal));

    /// <summary>SQL text with its parameters, named in order; values are typed by EF's own mappings, as EF would write them.</summary>
    private sealed class Sql
    {
        private readonly System.Text.StringBuilder _text = new();

        public List<(string Name, object Value)> Values { get; } = [];

        public string Text => _text.ToString();

        public Sql Append(string text)
        {
            _text.Append(text);
            return this;
        }

        public string Parameter(object value)
        {
            var name = $"@p{Values.Count}";
            Values.Add((name, value));
            return name;
        }

        public string Parameters(IEnumerable<Guid> ids)
        {
            var names = ids.Select(id => Parameter(id)).ToList();
            return names.Count == 0 ? "NULL" : string.Join(", ", names);
        }
    }
}
