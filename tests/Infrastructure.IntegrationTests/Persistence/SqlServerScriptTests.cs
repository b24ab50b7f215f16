using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence.Providers;
using VapiAgents.Infrastructure.Usage;
using VapiAgents.Infrastructure.Usage.Write;

namespace VapiAgents.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// SQL Server without a server: the SQL the product sends to SQL Server, parsed by Microsoft's own T-SQL parser
/// (ScriptDom). Nothing runs it, so this proves the syntax and the variables, not the behaviour.
/// </summary>
public sealed class SqlServerScriptTests
{
    // Nothing listens here: the context only builds SQL, it never opens its connection.
    private static SqlServerApplicationDbContext SqlServerContext() =>
        new((DbContextOptions<SqlServerApplicationDbContext>)ProviderSetup.UseSqlServer(
            new DbContextOptionsBuilder<SqlServerApplicationDbContext>(), "Server=localhost;Database=VapiAgents;TrustServerCertificate=True").Options);

    private static string IdempotentMigrationScript()
    {
        using var db = SqlServerContext();
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    /// <summary>
    /// The commands the hand-written writers send to SQL Server, built by the writers themselves against the SQL Server
    /// context (the same code their executing paths run), with the parameters they bind.
    /// </summary>
    public static TheoryData<string> WriterStatements() => ["call rows: multi-row INSERT (one row)", "call rows: multi-row INSERT (full command)", "call rows: UPDATE of every copy", "repricing: UPDATE of every copy"];

    private static DbCommand WriterCommand(SqlServerApplicationDbContext db, string statement)
    {
        var writer = new CallUsageWriter(db);
        return statement switch
        {
            "call rows: multi-row INSERT (one row)" => writer.MultiRowInsertCommand([Row(0)]),
            "call rows: multi-row INSERT (full command)" => writer.MultiRowInsertCommand(Enumerable.Range(0, writer.SqlServerRowsPerCommand).Select(Row).ToList()),
            "call rows: UPDATE of every copy" => writer.UpdateAllCopiesCommand(Row(0)).Command,
            "repricing: UPDATE of every copy" => RevenueRepricer.UpdateCopiesCommand(db, "user-1").Command,
            _ => throw new ArgumentOutOfRangeException(nameof(statement), statement, null),
        };
    }

    private static CallUsage Row(int i) => CallUsage.From(Guid.NewGuid(), "user-1", new CallFacts
    {
        Id = $"call-{i}",
        OrgId = "org-1",
        Status = "ended",
        CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        UpdatedAt = new DateTime(2026, 1, 1, 0, 5, 0, DateTimeKind.Utc),
        DurationMs = 60_000,
        Cost = 0.25m,
        Parts = new CostParts(0.01m, 0.02m, 0.03m, 0.04m, 0.05m, 0m),
    }, new DateTime(2026, 1, 1, 0, 6, 0, DateTimeKind.Utc), OtherKeys.None);

    [Theory]
    [MemberData(nameof(WriterStatements))]
    public void EachWriterStatement_ParsesWithoutErrors_AndReferencesExactlyTheParametersItBinds(string statement)
    {
        using var db = SqlServerContext();
        using var command = WriterCommand(db, statement);

        var (errors, referenced) = Parse(command.CommandText);

        errors.Should().BeEmpty(command.CommandText);
        var bound = command.Parameters.Cast<DbParameter>().Select(p => p.ParameterName).ToList();
        bound.Should().OnlyHaveUniqueItems();
        referenced.Should().BeEquivalentTo(bound, "every parameter the statement reads is bound, and every bound one is read");
        command.Parameters.Count.Should().BeLessThanOrEqualTo(2100, "SQL Server refuses a command with more than 2,100 parameters");
    }

    /// <summary>
    /// The lock and lease statements have no hand-written SQL: EF translates the LINQ below (the same as
    /// <c>UsageStore</c>'s, <c>RollupRebuilder</c>'s and <c>RevenueRepricer</c>'s lock bump and <c>DatabaseSyncLeases</c>'
    /// takeover) into SQL Server's ExecuteUpdate, captured here as it is about to run, nothing opened or sent.
    /// </summary>
    [Fact]
    public async Task EfsSqlServerLockAndLeaseUpdates_ParseWithoutErrors_AndReferenceExactlyTheParametersBound()
    {
        var capture = new CommandCapture();
        var options = (DbContextOptions<SqlServerApplicationDbContext>)ProviderSetup.UseSqlServer(
                new DbContextOptionsBuilder<SqlServerApplicationDbContext>(), "Server=localhost;Database=VapiAgents;TrustServerCertificate=True")
            .AddInterceptors(capture).Options;
        await using var db = new SqlServerApplicationDbContext(options);
        // Variables, as in the product, so EF binds parameters rather than inlining constants.
        var (userId, agentId, runId, newRunId, now, holder) = ("user-1", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), DateTime.UtcNow, "host/1");
        var expires = now.AddMinutes(5);

        await db.UserSyncLocks.Where(l => l.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(l => l.Version, l => l.Version + 1));
        await db.SyncLeases.Where(l => l.AgentId == agentId && l.RunId == runId && l.ExpiresAt < now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RunId, newRunId).SetProperty(l => l.ExpiresAt, expires).SetProperty(l => l.Holder, holder));

        capture.Commands.Select(c => c.Bound.Count).Should().Equal([1, 6], "the lock bump binds the user; the takeover its three conditions and three values");
        foreach (var (sql, bound) in capture.Commands)
        {
            var (errors, referenced) = Parse(sql);
            errors.Should().BeEmpty(sql);
            referenced.Should().BeEquivalentTo(bound, sql);
        }
    }

    [Fact]
    public void TheWriterCheck_RefusesABrokenCopy_AndAnUnboundParameter()
    {
        // Controls: the check above means something only if it refuses what SQL Server would refuse.
        using var db = SqlServerContext();
        using var command = WriterCommand(db, "call rows: UPDATE of every copy");
        var bound = command.Parameters.Cast<DbParameter>().Select(p => p.ParameterName).ToList();

        var (errors, _) = Parse(command.CommandText.Replace(" WHERE ", " WHERE AND ", StringComparison.Ordinal));
        errors.Should().NotBeEmpty("a WHERE with no condition before AND is not T-SQL");

        var (_, referenced) = Parse(command.CommandText.Replace("@call", "@callId", StringComparison.Ordinal));
        referenced.Should().NotBeEquivalentTo(bound, "a statement reading a parameter nobody binds is caught");
    }

    private static (List<string> Errors, List<string> Referenced) Parse(string sql)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        var uses = new StatementUses();
        fragment.Accept(uses);
        return (errors.Select(e => $"line {e.Line}: {e.Message}").ToList(), uses.Referenced.ToList());
    }

    [Fact]
    public void TheIdempotentMigrationScript_ParsesWithoutErrors_AndUsesOnlyVariablesItDeclares()
    {
        var script = IdempotentMigrationScript();

        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);

        errors.Select(e => $"line {e.Line}: {e.Message}").Should().BeEmpty();
        var batches = ((TSqlScript)fragment).Batches;
        var tables = 0;
        foreach (var batch in batches)
        {
            var uses = new StatementUses();
            batch.Accept(uses);
            tables += uses.CreatedTables;
            uses.Referenced.Should().BeSubsetOf(uses.Declared, $"a batch uses only variables it declares:{Environment.NewLine}{Text(batch)}");
        }

        // Each CREATE TABLE sits inside the idempotent script's IF NOT EXISTS (… __EFMigrationsHistory …) guard.
        tables.Should().BeGreaterThan(5, "the script creates the schema");
    }

    [Fact]
    public void TheParser_RefusesBrokenSql()
    {
        // A control: the parse above means something only if the parser refuses what SQL Server would refuse.
        new TSql160Parser(true).Parse(new StringReader("CREATE TABLE [x] ([id] int NOT NULL,"), out var errors);

        errors.Should().NotBeEmpty();
    }

    private static string Text(TSqlFragment fragment) =>
        string.Concat(Enumerable.Range(fragment.FirstTokenIndex, fragment.LastTokenIndex - fragment.FirstTokenIndex + 1)
            .Select(i => fragment.ScriptTokenStream[i].Text));

    /// <summary>Keeps the connection closed and each command unsent, recording its text and the parameters bound to it.</summary>
    private sealed class CommandCapture : DbCommandInterceptor, IDbConnectionInterceptor
    {
        public List<(string Sql, List<string> Bound)> Commands { get; } = [];

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(
            DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult.Suppress());

        public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => p.ParameterName).ToList()));
            return ValueTask.FromResult(InterceptionResult<int>.SuppressWithResult(1));
        }
    }

    private sealed class StatementUses : TSqlFragmentVisitor
    {
        public int CreatedTables { get; private set; }

        public HashSet<string> Declared { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> Referenced { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(DeclareVariableElement node) => Declared.Add(node.VariableName.Value);

        public override void Visit(VariableReference node) => Referenced.Add(node.Name);

        public override void Visit(CreateTableStatement node) => CreatedTables++;
    }
}
