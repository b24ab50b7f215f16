using System.Data.Common;
using System.Diagnostics;
using System.Reflection;
using LinqToDB.Data;
using LinqToDB.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Common.Security;
using VapiAgents.Benchmarks.Harness;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Benchmarks.Scenarios;

/// <summary>
/// The product's hand-written bulk writer (CallUsageWriter.InsertAsync) against linq2db's BulkCopyAsync over the same
/// EF model: the same generated call rows written into a fresh database per run, one transaction per batch of a sync
/// page, the writers alternated run by run. Afterwards both copies are read back through EF and compared with what was
/// written, and their stored values compared column by column — a writer that skipped EF's value converters would show
/// here. A separate check proves linq2db joins the caller's EF transaction.
/// </summary>
public static class BulkCopyScenario
{
    private const string UserId = "bench-bulk-user";

    /// <summary>A sync page (SyncOptions.PageSize): UsageStore writes each page's new rows in one transaction.</summary>
    private const int BatchSize = 1000;

    // Hex letters in every id: on SQLite EF stores a Guid as upper-case text, and a writer that stored another form
    // would leave rows EF's own queries cannot find.
    private static readonly Guid[] Agents = [.. Enumerable.Range(1, 5).Select(i => new Guid($"{i}abcdef0-a1b2-c3d4-e5f6-a7b8c9d0e1f2"))];

    private delegate Task InsertAsync(ApplicationDbContext db, IReadOnlyList<CallUsage> rows, CancellationToken cancellationToken);

    private sealed record Writer(string Name, InsertAsync Insert);

    /// <summary>
    /// Wall-clock rates, and the harness process's CPU per 1,000 rows: less moved by other work on the shared machine,
    /// and on SQLite it includes the database engine itself (on PostgreSQL only the client side).
    /// </summary>
    private sealed record Timing(double RowsPerSecond, double WriterRowsPerSecond, double CpuMsPerThousandRows);

    public static async Task<Figures> RunAsync(BenchArgs args)
    {
        var count = args.Calls ?? 100_000;
        var runs = args.Runs ?? 3;
        var rows = GenerateRows(count);
        LinqToDBForEFTools.Initialize();

        var handWritten = new Writer("handWritten", HandWrittenInsert());
        Writer[] linq2db = args.Provider == BenchProvider.PostgreSql
            ? [Linq2Db(BulkCopyType.ProviderSpecific), Linq2Db(BulkCopyType.MultipleRows)]
            : [Linq2Db(BulkCopyType.MultipleRows), Linq2Db(BulkCopyType.RowByRow)];
        Writer[] writers = [handWritten, .. linq2db];

        var figures = new Figures("bulkcopy", args.Provider).Add("rows", count).Add("runs", runs).Add("batch", BatchSize);
        // Also each writer's warm-up (first calls, linq2db's mapping schema), kept out of the timed runs.
        foreach (var writer in writers)
        {
            figures.Note($"{writer.Name}JoinsEfTransaction", await JoinsTransactionAsync(args.Provider, writer, rows));
        }

        // Writers alternate within each run (A, B, C, A, B, C, …), so drift on the shared machine hits them alike.
        var timings = writers.ToDictionary(w => w.Name, _ => new List<Timing>());
        string? handWrittenStored = null;
        for (var run = 1; run <= runs; run++)
        {
            foreach (var writer in writers)
            {
                await using var database = await FreshDatabaseAsync(args.Provider);
                var timing = await WriteAllAsync(database, writer, rows);
                timings[writer.Name].Add(timing);
                Console.WriteLine($"run {run} {writer.Name,-28} {timing.RowsPerSecond,10:N0} rows/s ({timing.WriterRowsPerSecond:N0} in the writer, {timing.CpuMsPerThousandRows:N1} CPU ms per 1,000)");
                // The last run keeps the copies to compare; its databases are checked before they are dropped.
                if (run == runs)
                {
                    var stored = await CheckCopyAsync(figures, database, writer, rows);
                    handWrittenStored ??= stored;
                    figures.Note($"{writer.Name}StoredValues", stored == handWrittenStored
                        ? $"same as handWritten ({stored.Split(' ')[0]})"
                        : $"DIFFERENT from handWritten: {stored}");
                }
            }
        }

        var baseline = Stats.Median([.. timings[handWritten.Name].Select(t => t.RowsPerSecond)]);
        var baselineWriter = Stats.Median([.. timings[handWritten.Name].Select(t => t.WriterRowsPerSecond)]);
        var baselineCpu = Stats.Median([.. timings[handWritten.Name].Select(t => t.CpuMsPerThousandRows)]);
        figures.Add("handWrittenRowsPerSecond", baseline).Add("handWrittenWriterRowsPerSecond", baselineWriter)
            .Add("handWrittenCpuMsPer1000", baselineCpu);
        foreach (var writer in linq2db)
        {
            var median = Stats.Median([.. timings[writer.Name].Select(t => t.RowsPerSecond)]);
            var writerMedian = Stats.Median([.. timings[writer.Name].Select(t => t.WriterRowsPerSecond)]);
            var cpuMedian = Stats.Median([.. timings[writer.Name].Select(t => t.CpuMsPerThousandRows)]);
            figures.Add($"{writer.Name}RowsPerSecond", median)
                .Add($"{writer.Name}WriterRowsPerSecond", writerMedian)
                .Add($"{writer.Name}CpuMsPer1000", cpuMedian)
                .Add($"{writer.Name}Ratio", median / baseline)
                .Add($"{writer.Name}WriterRatio", writerMedian / baselineWriter);
        }

        return figures;
    }

    /// <summary>
    /// CallUsageWriter is internal to Infrastructure (no InternalsVisibleTo for the benchmarks, and src stays untouched):
    /// reached by reflection, created per batch as UsageStore creates it. Reflection costs microseconds per batch.
    /// </summary>
    private static InsertAsync HandWrittenInsert()
    {
        var type = typeof(ApplicationDbContext).Assembly.GetType("VapiAgents.Infrastructure.Usage.CallUsageWriter", throwOnError: true)!;
        var constructor = type.GetConstructor([typeof(ApplicationDbContext)])!;
        var insert = type.GetMethod("InsertAsync", BindingFlags.Public | BindingFlags.Instance)!;
        return (db, rows, cancellationToken) => (Task)insert.Invoke(constructor.Invoke([db]), [rows, cancellationToken])!;
    }

    /// <summary>linq2db's bulk copy through its EF bridge: the DbContext extension, which attaches to the context's connection.</summary>
    private static Writer Linq2Db(BulkCopyType type)
    {
        var options = new BulkCopyOptions { BulkCopyType = type };
        return new Writer($"linq2db{type}", async (db, rows, cancellationToken) => await db.BulkCopyAsync(options, rows, cancellationToken));
    }

    /// <summary>Every row in batches, one transaction each, through a scope per batch — as UsageStore stores a page.</summary>
    private static async Task<Timing> WriteAllAsync(BenchDatabase database, Writer writer, IReadOnlyList<CallUsage> rows)
    {
        await using var services = ProductServices.Infrastructure(database);
        var writing = TimeSpan.Zero;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var batch in rows.Chunk(BatchSize))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            // PostgreSQL's retrying strategy admits a user transaction only inside it, as UsageStore runs a batch.
            writing += await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                var start = Stopwatch.GetTimestamp();
                await writer.Insert(db, batch, CancellationToken.None);
                var elapsed = Stopwatch.GetElapsedTime(start);
                await transaction.CommitAsync();
                return elapsed;
            });
        }

        clock.Stop();
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        return new Timing(rows.Count / clock.Elapsed.TotalSeconds, rows.Count / writing.TotalSeconds, cpuMs / rows.Count * 1000);
    }

    private static async Task<BenchDatabase> FreshDatabaseAsync(BenchProvider provider)
    {
        var database = await BenchDatabase.CreateAsync(provider, "bulkcopy");
        await using var services = ProductServices.Infrastructure(database);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        await db.Database.MigrateAsync();
        foreach (var (id, i) in Agents.Select((id, i) => (id, i)))
        {
            db.Agents.Add(VapiAgent.Create(id, UserId, $"Bulk {i + 1}", new SealedSecret("bench", [1]), "…0000", null, DateTime.UtcNow));
        }

        await db.SaveChangesAsync();
        return database;
    }

    /// <summary>
    /// linq2db must write inside the caller's transaction: rows it copied are visible to EF inside the transaction and
    /// gone after a rollback. Also whether its DataConnection holds the very DbTransaction EF began.
    /// </summary>
    private static async Task<string> JoinsTransactionAsync(BenchProvider provider, Writer writer, IReadOnlyList<CallUsage> rows)
    {
        await using var database = await FreshDatabaseAsync(provider);
        await using var services = ProductServices.Infrastructure(database);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var sample = rows.Take(10).ToList();
        var (sameTransaction, inside) = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var holds = HoldsTransaction(db, transaction);
            await writer.Insert(db, sample, CancellationToken.None);
            var visible = await db.CallUsages.CountAsync();
            await transaction.RollbackAsync();
            return (holds, visible);
        });
        var afterRollback = await db.CallUsages.CountAsync();
        return inside == sample.Count && afterRollback == 0
            ? $"yes (sameDbTransaction={sameTransaction}, {inside} rows inside, 0 after rollback)"
            : $"NO (sameDbTransaction={sameTransaction}, {inside} rows inside, {afterRollback} after rollback)";
    }

    /// <summary>Whether the DataConnection linq2db makes for the context holds the DbTransaction EF began.</summary>
    private static bool HoldsTransaction(ApplicationDbContext db, IDbContextTransaction transaction)
    {
        using var connection = db.CreateLinqToDBConnection();
        return ReferenceEquals(connection.Transaction, transaction.GetDbTransaction());
    }

    /// <summary>
    /// The copy read back through EF equals the generated rows field by field, EF's own queries find each agent's rows,
    /// and the stored values (types included) equal the hand-written writer's, which writes exactly what EF writes:
    /// returns their snapshot.
    /// </summary>
    private static async Task<string> CheckCopyAsync(Figures figures, BenchDatabase database, Writer writer, IReadOnlyList<CallUsage> rows)
    {
        await using var services = ProductServices.Infrastructure(database);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();

        var readBack = await db.CallUsages.AsNoTracking().ToListAsync();
        var expected = rows.ToDictionary(r => (r.AgentId, r.CallId));
        var mismatch = readBack.Count != rows.Count ? $"{readBack.Count} rows read, {rows.Count} written" : null;
        foreach (var row in readBack)
        {
            if (mismatch is not null)
            {
                break;
            }

            mismatch = expected.TryGetValue((row.AgentId, row.CallId), out var written)
                ? FirstDifference(written, row)
                : $"unexpected row ({row.AgentId}, {row.CallId})";
        }

        figures.Note($"{writer.Name}EfReadBack", mismatch is null ? "equal" : $"DIFFERENT: {mismatch}");

        // EF compares with its own parameter forms (e.g. a Guid as upper-case text on SQLite): stored values must match them.
        var found = 0;
        foreach (var agent in Agents)
        {
            found += await db.CallUsages.CountAsync(u => u.AgentId == agent);
        }

        var cutoff = rows[rows.Count / 2].CreatedAt;
        var efFiltered = await db.CallUsages.CountAsync(u => u.CreatedAt >= cutoff && u.Cost > 0.05m);
        var expectedFiltered = rows.Count(u => u.CreatedAt >= cutoff && u.Cost > 0.05m);
        figures.Note($"{writer.Name}EfQueries", found == rows.Count && efFiltered == expectedFiltered
            ? "match"
            : $"DIFFERENT: by agent {found}/{rows.Count}, by time and cost {efFiltered}/{expectedFiltered}");

        return await StoredSnapshotAsync(db);
    }

    private static string? FirstDifference(CallUsage written, CallUsage read)
    {
        foreach (var property in typeof(CallUsage).GetProperties())
        {
            var a = property.GetValue(written);
            var b = property.GetValue(read);
            // DateTime equality ignores the kind; the converters read back UTC, as written.
            if (!Equals(a, b) || (a is DateTime x && b is DateTime y && x.Kind != y.Kind))
            {
                return $"{written.CallId}.{property.Name}: wrote {a} read {b}";
            }
        }

        return null;
    }

    /// <summary>
    /// Every stored value with its storage type, in key order, hashed: equal snapshots mean byte-for-byte the same rows.
    /// The first row is spelled out so a difference can be read.
    /// </summary>
    private static async Task<string> StoredSnapshotAsync(ApplicationDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        // SQLite's typeof() shows the storage class a value was written with (an integer column accepts a REAL too).
        var isSqlite = db.Database.IsSqlite();
        var columns = db.Model.FindEntityType(typeof(CallUsage))!.GetProperties().Select(p => $"\"{p.GetColumnName()}\"").ToList();
        var selected = isSqlite ? columns.SelectMany(c => new[] { c, $"typeof({c})" }) : columns;
        command.CommandText = $"SELECT {string.Join(", ", selected)} FROM \"CallUsages\" ORDER BY \"AgentId\", \"CallId\"";
        await using var reader = await command.ExecuteReaderAsync();
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        string? first = null;
        while (await reader.ReadAsync())
        {
            var text = string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Describe(reader, i)));
            first ??= text;
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(text + "\n"));
        }

        return $"sha256:{Convert.ToHexString(hash.GetHashAndReset())[..16]} first row {first}";
    }

    private static string Describe(DbDataReader reader, int i) =>
        reader.IsDBNull(i) ? "NULL" : $"{Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)}:{reader.GetFieldType(i).Name}";

    /// <summary>
    /// Call rows as a sync stores them: five agents of one user, two orgs, itemised costs at the money scale, and the
    /// optional columns null where Vapi leaves them out (unanswered calls, calls still open, no evaluation).
    /// </summary>
    private static List<CallUsage> GenerateRows(int count)
    {
        var random = new Random(42);
        string[] types = ["inboundPhoneCall", "outboundPhoneCall", "webCall"];
        string[] reasons = ["customer-ended-call", "assistant-ended-call", "silence-timed-out", "voicemail", "customer-did-not-answer", "pipeline-error-openai-llm-failed"];
        string[] assistants = [.. Enumerable.Range(0, 6).Select(i => $"asst-{i:D4}-{new Guid(random.NextBytes(16)):N}"[..40])];
        var anchor = DateTime.UnixEpoch.AddMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var syncedAt = anchor;
        var rows = new List<CallUsage>(count);
        for (var i = 0; i < count; i++)
        {
            var created = anchor.AddMilliseconds(-random.NextInt64(30L * 24 * 3600 * 1000));
            var open = random.Next(50) == 0;
            var answered = random.Next(7) != 0;
            DateTime? started = answered ? created.AddMilliseconds(random.Next(500, 20_000)) : null;
            DateTime? ended = answered && !open ? started!.Value.AddMilliseconds(random.Next(2_000, 900_000)) : null;
            var parts = new CostParts(Units(random, 200), Units(random, 100), Units(random, 900), Units(random, 300), Units(random, 500), Units(random, 20));
            var evaluation = random.Next(4) switch { 0 => null, 1 => "true", 2 => "false", _ => "\"Pass\"" };
            var facts = CallFacts.Create(
                id: new Guid(random.NextBytes(16)).ToString(),
                orgId: random.Next(3) == 0 ? "org-b-7f3c2a" : "org-a-19e0d4",
                createdAt: created,
                updatedAt: (ended ?? started ?? created).AddMilliseconds(random.Next(0, 5_000)),
                assistantId: random.Next(10) == 0 ? null : assistants[random.Next(assistants.Length)],
                type: random.Next(20) == 0 ? null : types[random.Next(types.Length)],
                status: open ? "in-progress" : "ended",
                endedReason: open ? null : reasons[random.Next(reasons.Length)],
                startedAt: started,
                endedAt: ended,
                cost: parts.Sum + (random.Next(5) == 0 ? Units(random, 50) : 0),
                parts: parts,
                llmPromptTokens: answered ? random.Next(100, 60_000) : 0,
                llmCompletionTokens: answered ? random.Next(10, 4_000) : 0,
                ttsCharacters: answered ? random.Next(0, 9_000) : 0,
                successEvaluation: evaluation,
                successOutcome: evaluation switch { "true" or "\"Pass\"" => SuccessOutcome.Passed, "false" => SuccessOutcome.Failed, _ => SuccessOutcome.Unknown });
            var priced = random.Next(3) == 0;
            facts = facts with
            {
                BillableSeconds = priced && ended is { } end ? (long)Math.Ceiling((end - started!.Value).TotalSeconds) : 0,
                Revenue = priced ? Units(random, 2_000) : 0,
            };
            rows.Add(CallUsage.From(Agents[i % Agents.Length], UserId, facts, syncedAt, (OtherKeys)random.Next(8)));
        }

        return rows;
    }

    /// <summary>A random amount of up to <paramref name="maxMilliDollars"/>/1000 USD, with all ten decimal places used.</summary>
    private static decimal Units(Random random, int maxMilliDollars) =>
        Money.FromUnits(random.NextInt64(maxMilliDollars * 10_000_000L));
}

file static class RandomBytes
{
    public static byte[] NextBytes(this Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
