using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using VapiAgents.Infrastructure.Persistence.Providers;

namespace VapiAgents.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// SQL Server without a server: the SQL the product sends to SQL Server, parsed by Microsoft's own T-SQL parser
/// (ScriptDom). Nothing runs it, so this proves the syntax and the variables, not the behaviour.
/// </summary>
public sealed class SqlServerScriptTests
{
    private static string IdempotentMigrationScript()
    {
        var options = (DbContextOptions<SqlServerApplicationDbContext>)ProviderSetup.UseSqlServer(
            new DbContextOptionsBuilder<SqlServerApplicationDbContext>(), "Server=localhost;Database=VapiAgents;TrustServerCertificate=True").Options;
        using var db = new SqlServerApplicationDbContext(options);
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
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
