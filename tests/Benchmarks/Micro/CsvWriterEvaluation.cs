using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using VapiAgents.Benchmarks.Harness;

namespace VapiAgents.Benchmarks.Micro;

/// <summary>
/// Issue: "CsvHelper in place of the positional CSV columns ... keep the hand-written piece only where the
/// benchmark says so". Writes the per-call export (its 24 columns) of 200,000 calls three ways, each from the same
/// typed rows to UTF-8 bytes, so formatting the numbers is part of every candidate:
/// <list type="bullet">
/// <item><c>product</c>: the rows as the query builds them (strings), written by the loop of <c>CsvResult</c>.</item>
/// <item><c>productSearchValues</c>: the same loop, its quoting test without a new char array per cell.</item>
/// <item><c>csvHelperFields</c>: the same string rows, one <see cref="CsvWriter.WriteField(string)"/> per cell.</item>
/// <item><c>csvHelperRecord</c>: a <see cref="CsvRecordAttribute"/> record written by CsvHelper's generated record writer.</item>
/// </list>
/// <c>formatOnly</c> builds the string rows and writes nothing: the share of the product's time that is formatting.
/// </summary>
public static class CsvWriterEvaluation
{
    private const int FlushEvery = 500;

    /// <summary>The columns of <c>ExportMetricsQuery</c>'s per-call export, as it lists them, and its text columns.</summary>
    private static readonly string[] Header =
    [
        "callId", "createdAt", "agents", "assistantId", "type", "status", "endedReason", "durationSeconds", "cost",
        "transport", "stt", "llm", "tts", "vapi", "analysis", "other", "llmPromptTokens", "llmCompletionTokens",
        "ttsCharacters", "successEvaluation", "successOutcome", "billableSeconds", "revenue", "margin",
    ];

    private static readonly HashSet<int> TextColumns = [0, 2, 3, 4, 5, 6, 19];

    private static readonly SearchValues<char> MustQuote = SearchValues.Create(",\"\r\n");

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The comparison lines quote CSV cells: keep their quotes and apostrophes legible.</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Escape as the product does ('), and quote a leading or trailing space as the product's Quote does.</summary>
    private static readonly CsvWriterOptions GuardedOptions = new()
    {
        Injection = CsvInjection.Escape,
        Quoting = CsvQuoting.WhenNeededOrWhitespace,
    };

    public static async Task<Figures> RunAsync(BenchArgs args)
    {
        var count = args.Calls ?? 200_000;
        var rounds = args.Runs ?? 5;
        var rows = ExportedCallSample.Create(count);
        Console.WriteLine($"  {count:N0} per-call rows, {rounds} alternating rounds");

        var outputs = new Dictionary<string, byte[]>();
        foreach (var (name, write) in Candidates(rows))
        {
            using var memory = new MemoryStream();
            await write(memory);
            outputs[name] = memory.ToArray();
        }

        // Warm-up: every candidate once more, so tiered compilation has promoted the loops before the rounds.
        foreach (var (_, write) in Candidates(rows))
        {
            await write(new CountingStream());
        }

        var samples = await MicroTimer.AlternateAsync(rounds, Candidates(rows).Select(c => (c.Name, (Func<Task>)(() => c.Write(new CountingStream())))).ToList());
        var figures = new Figures("csv", args.Provider).Add("rows", count).Add("rounds", rounds);
        foreach (var (name, runs) in samples)
        {
            var ms = MicroTimer.MedianMs(runs);
            figures.Add($"{name}RowsPerSecond", count / (ms / 1000)).Add($"{name}Ms", ms).Add($"{name}AllocatedBytesPerRow", MicroTimer.MedianBytes(runs) / count);
            Console.WriteLine($"  {name}: {string.Join(", ", runs.Select(r => $"{r.Milliseconds:F0} ms / {r.AllocatedBytes / 1_048_576.0:F0} MB"))}");
        }

        figures.Add("outputBytes", outputs["product"].Length);
        foreach (var name in outputs.Keys.Where(n => n is not ("product" or "formatOnly")))
        {
            var comparison = Compare(outputs["product"], outputs[name]);
            figures.Note($"{name}VsProduct", comparison.Summary);
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["comparison"] = $"csv product vs {name}",
                ["identical"] = comparison.Differences.Count == 0,
                ["differentRows"] = comparison.DifferentRows,
                ["differences"] = comparison.Differences,
            }, Readable));
        }

        return figures;
    }

    private static List<(string Name, Func<Stream, Task> Write)> Candidates(ExportedCallRow[] rows) =>
    [
        ("product", stream => WriteProductAsync(stream, rows)),
        ("productSearchValues", stream => WriteProductAsync(stream, rows, quote: QuoteWithSearchValues)),
        ("csvHelperFields", stream => WriteCsvHelperFieldsAsync(stream, rows)),
        ("csvHelperRecord", stream => WriteCsvHelperRecordsAsync(stream, rows)),
        ("formatOnly", stream => FormatOnlyAsync(stream, rows)),
    ];

    /// <summary>
    /// The writing loop of <c>src/WebApi/Infrastructure/CsvResult.cs</c> (ExecuteAsync, WriteRowAsync, Quote,
    /// Neutralise), copied because the WebApi's internals are not visible to this project; keep it in step.
    /// </summary>
    private static async Task WriteProductAsync(Stream body, ExportedCallRow[] rows, Func<string, string>? quote = null)
    {
        quote ??= ProductQuote;
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        await ProductWriteRowAsync(writer, Header, textColumns: null, quote);
        var written = 0;
        foreach (var row in rows)
        {
            await ProductWriteRowAsync(writer, FormatRow(row), TextColumns, quote);
            if (++written % FlushEvery == 0)
            {
                await writer.FlushAsync();
            }
        }
    }

    private static async Task ProductWriteRowAsync(StreamWriter writer, IReadOnlyList<string?> cells, IReadOnlySet<int>? textColumns, Func<string, string> quote)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                await writer.WriteAsync(',');
            }

            var cell = cells[i] ?? "";
            await writer.WriteAsync(quote(textColumns?.Contains(i) == true ? ProductNeutralise(cell) : cell));
        }

        await writer.WriteAsync("\r\n");
    }

    private static string ProductNeutralise(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

    private static string ProductQuote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) < 0 && !cell.StartsWith(' ') && !cell.EndsWith(' ')
            ? cell
            : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// The product's Quote with one change: its <c>IndexOfAny([...])</c> builds a new char array for every cell
    /// (24 a row), which a static <see cref="SearchValues{T}"/> does not.
    /// </summary>
    private static string QuoteWithSearchValues(string cell) =>
        cell.AsSpan().IndexOfAny(MustQuote) < 0 && !cell.StartsWith(' ') && !cell.EndsWith(' ')
            ? cell
            : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// The string rows through CsvHelper. Its injection guard applies to every string field, and a margin of -0.05
    /// written as a string would be escaped too, so the text columns are neutralised the product's way and CsvHelper
    /// only quotes; <see cref="WriteCsvHelperRecordsAsync"/> shows its own guard, which knows numbers from text.
    /// </summary>
    private static async Task WriteCsvHelperFieldsAsync(Stream body, ExportedCallRow[] rows)
    {
        await using var csv = CsvWriter.Create(body, new CsvWriterOptions { Quoting = CsvQuoting.WhenNeededOrWhitespace }, leaveOpen: true);
        csv.WriteHeader(Header);
        foreach (var row in rows)
        {
            var cells = FormatRow(row);
            for (var i = 0; i < cells.Length; i++)
            {
                csv.WriteField(TextColumns.Contains(i) && cells[i] is { } text ? ProductNeutralise(text) : cells[i]);
            }

            await csv.EndRecordAsync();
        }
    }

    private static async Task WriteCsvHelperRecordsAsync(Stream body, ExportedCallRow[] rows)
    {
        await using var csv = CsvWriter.Create(body, GuardedOptions, leaveOpen: true);
        csv.WriteHeader<ExportedCallRow>();
        foreach (var row in rows)
        {
            await csv.WriteRecordAsync(row);
        }
    }

    private static Task FormatOnlyAsync(Stream body, ExportedCallRow[] rows)
    {
        var cells = 0L;
        foreach (var row in rows)
        {
            cells += FormatRow(row).Length;
        }

        body.Position = cells;
        return Task.CompletedTask;
    }

    /// <summary>A row as <c>ExportMetricsQueryHandler.ByCallAsync</c> yields it: every value already text.</summary>
    private static string?[] FormatRow(ExportedCallRow r) =>
    [
        r.CallId, r.CreatedAt.ToString(ExportedCallRow.CreatedAtFormat, Invariant), r.Agents, r.AssistantId, r.Type, r.Status, r.EndedReason,
        Number(r.DurationSeconds), Number(r.Cost), Number(r.Transport), Number(r.Stt), Number(r.Llm), Number(r.Tts), Number(r.Vapi),
        Number(r.Analysis), Number(r.Other), Number(r.LlmPromptTokens), Number(r.LlmCompletionTokens), Number(r.TtsCharacters),
        r.SuccessEvaluation, r.SuccessOutcome, Number(r.BillableSeconds), Number(r.Revenue), Number(r.Margin),
    ];

    private static string Number(decimal value) => value.ToString(Invariant);

    private static string Number(long value) => value.ToString(Invariant);

    private sealed record Comparison(int DifferentRows, List<Dictionary<string, object>> Differences, string Summary);

    /// <summary>Where two outputs differ: per column and kind of difference, how many cells, with one example each.</summary>
    private static Comparison Compare(byte[] expected, byte[] actual)
    {
        // Records end with CRLF; the sample's only line break inside a cell is a lone LF, so CRLF splits records.
        var expectedRows = Encoding.UTF8.GetString(expected).Split("\r\n");
        var actualRows = Encoding.UTF8.GetString(actual).Split("\r\n");
        var groups = new Dictionary<(string Column, string Kind), (int Cells, string Product, string Other)>();
        var differentRows = 0;
        for (var row = 0; row < Math.Max(expectedRows.Length, actualRows.Length); row++)
        {
            var left = row < expectedRows.Length ? expectedRows[row] : "<missing>";
            var right = row < actualRows.Length ? actualRows[row] : "<missing>";
            if (left == right)
            {
                continue;
            }

            differentRows++;
            var leftCells = SplitRecord(left);
            var rightCells = SplitRecord(right);
            for (var i = 0; i < Math.Max(leftCells.Count, rightCells.Count); i++)
            {
                var l = i < leftCells.Count ? leftCells[i] : "<missing>";
                var r = i < rightCells.Count ? rightCells[i] : "<missing>";
                if (l != r)
                {
                    var key = (i < Header.Length ? Header[i] : $"#{i}", Kind(l, r));
                    var seen = groups.TryGetValue(key, out var found) ? found : (Cells: 0, Product: l, Other: r);
                    groups[key] = (seen.Cells + 1, seen.Product, seen.Other);
                }
            }
        }

        var differences = groups.OrderByDescending(g => g.Value.Cells).Select(g => new Dictionary<string, object>
        {
            ["column"] = g.Key.Column, ["kind"] = g.Key.Kind, ["cells"] = g.Value.Cells, ["product"] = g.Value.Product, ["other"] = g.Value.Other,
        }).ToList();
        var summary = differences.Count == 0
            ? "byte-identical"
            : $"{differentRows:N0} rows differ: " + string.Join("; ", differences.Select(d => $"{d["column"]} {d["kind"]} x{d["cells"]:N0}"));
        return new Comparison(differentRows, differences, summary);
    }

    private static string Kind(string product, string other) =>
        (product.StartsWith('"'), other.StartsWith('"')) switch
        {
            (false, true) when other.Length == product.Length + 2 => "quoted only by the other",
            (true, false) when product.Length == other.Length + 2 => "quoted only by the product",
            _ when product.Contains('\'', StringComparison.Ordinal) != other.Contains('\'', StringComparison.Ordinal) => "' prefix on one side",
            (false, true) => "quoted (and changed) only by the other",
            _ => "text differs",
        };

    /// <summary>Splits one RFC 4180 record into its cells as written (quotes kept), enough to point at a column.</summary>
    private static List<string> SplitRecord(string record)
    {
        var cells = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < record.Length; i++)
        {
            if (record[i] == '"')
            {
                quoted = !quoted;
            }
            else if (record[i] == ',' && !quoted)
            {
                cells.Add(record[start..i]);
                start = i + 1;
            }
        }

        cells.Add(record[start..]);
        return cells;
    }
}

/// <summary>One row of the per-call export with its values typed: what CsvHelper's record writer formats itself.</summary>
[CsvRecord]
public sealed partial class ExportedCallRow
{
    public const string CreatedAtFormat = "yyyy-MM-dd'T'HH:mm:ss.fffzzz";

    [CsvColumn("callId")] public string CallId { get; set; } = "";

    [CsvColumn("createdAt")][CsvFormat(CreatedAtFormat)] public DateTimeOffset CreatedAt { get; set; }

    [CsvColumn("agents")] public string Agents { get; set; } = "";

    [CsvColumn("assistantId")] public string? AssistantId { get; set; }

    [CsvColumn("type")] public string? Type { get; set; }

    [CsvColumn("status")] public string? Status { get; set; }

    [CsvColumn("endedReason")] public string? EndedReason { get; set; }

    [CsvColumn("durationSeconds")] public decimal DurationSeconds { get; set; }

    [CsvColumn("cost")] public decimal Cost { get; set; }

    [CsvColumn("transport")] public decimal Transport { get; set; }

    [CsvColumn("stt")] public decimal Stt { get; set; }

    [CsvColumn("llm")] public decimal Llm { get; set; }

    [CsvColumn("tts")] public decimal Tts { get; set; }

    [CsvColumn("vapi")] public decimal Vapi { get; set; }

    [CsvColumn("analysis")] public decimal Analysis { get; set; }

    [CsvColumn("other")] public decimal Other { get; set; }

    [CsvColumn("llmPromptTokens")] public long LlmPromptTokens { get; set; }

    [CsvColumn("llmCompletionTokens")] public long LlmCompletionTokens { get; set; }

    [CsvColumn("ttsCharacters")] public long TtsCharacters { get; set; }

    [CsvColumn("successEvaluation")] public string? SuccessEvaluation { get; set; }

    [CsvColumn("successOutcome")] public string SuccessOutcome { get; set; } = "";

    [CsvColumn("billableSeconds")] public long BillableSeconds { get; set; }

    [CsvColumn("revenue")] public decimal Revenue { get; set; }

    [CsvColumn("margin")] public decimal Margin { get; set; }
}

/// <summary>
/// Calls like the metrics data set's (same ended reasons, types and statuses), with the text a real export meets:
/// agent names with commas, quotes and a trailing space, names and evaluations starting with = - @ (a formula, a
/// score of -1), evaluations with a line break; margins are negative for about a third of the calls.
/// </summary>
public static class ExportedCallSample
{
    private static readonly string[] AgentNames =
    [
        "Front desk", "Sales, East", "Sales, West", "Support \"tier 1\"", "Billing ", "=HYPERLINK(\"http://x.test\",\"open\")",
        "-Night line", "@ops", "Reception", "Bookings", "Renewals", "Collections", "Survey bot", "After hours",
    ];

    private static readonly string[] Reasons =
    [
        "customer-ended-call", "assistant-ended-call", "silence-timed-out", "voicemail", "customer-did-not-answer",
        "customer-busy", "assistant-said-end-call-phrase", "exceeded-max-duration", "assistant-forwarded-call",
        "pipeline-error-openai-llm-failed", "twilio-failed-to-connect-call", "assistant-not-found",
    ];

    public static ExportedCallRow[] Create(int count)
    {
        var random = new Random(4180);
        var start = new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.FromHours(-4));
        var rows = new ExportedCallRow[count];
        for (var i = 0; i < count; i++)
        {
            var ended = random.NextDouble() < 0.97;
            var answered = ended && random.NextDouble() > 0.08;
            var cost = answered ? Math.Round((decimal)random.NextDouble() * 1.5m, random.Next(2, 9)) : 0m;
            var seconds = answered ? random.Next(5, 900) : 0;
            var billable = (seconds + 59) / 60 * 60;
            var revenue = Math.Round(billable / 60m * (0.05m + random.Next(10) * 0.01m), 4);
            rows[i] = new ExportedCallRow
            {
                CallId = new Guid(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16)).ToString(),
                CreatedAt = start.AddSeconds(i * 13 + random.Next(13)).AddMilliseconds(random.Next(1000)),
                Agents = random.NextDouble() < 0.1
                    ? $"{AgentNames[random.Next(AgentNames.Length)]}; {AgentNames[random.Next(AgentNames.Length)]}"
                    : AgentNames[random.Next(AgentNames.Length)],
                AssistantId = random.NextDouble() < 0.05 ? null : $"asst-{random.Next(40):D4}-{random.Next(1_000_000):D6}",
                Type = random.Next(100) switch { < 60 => "inboundPhoneCall", < 92 => "outboundPhoneCall", _ => "webCall" },
                Status = ended ? "ended" : "in-progress",
                EndedReason = ended ? (random.NextDouble() < 0.8 ? Reasons[random.Next(Reasons.Length)] : $"pipeline-error-provider-{random.Next(1, 151)}-failed") : null,
                DurationSeconds = seconds + random.Next(1000) / 1000m,
                Cost = cost,
                Transport = cost / 10,
                Stt = cost / 5,
                Llm = cost / 2,
                Tts = cost / 10,
                Vapi = cost / 10,
                Analysis = 0m,
                Other = cost - (cost / 10 + cost / 5 + cost / 2 + cost / 10 + cost / 10),
                LlmPromptTokens = random.Next(5_000),
                LlmCompletionTokens = random.Next(800),
                TtsCharacters = random.Next(3_000),
                SuccessEvaluation = random.Next(200) switch
                {
                    < 50 => "true",
                    < 100 => "false",
                    < 140 => "8/10",
                    < 180 => null,
                    < 190 => "Booked, caller said \"thanks\"",
                    < 195 => "-1",
                    < 197 => "=1+1",
                    _ => "Partly\nfollow up",
                },
                SuccessOutcome = random.Next(3) switch { 0 => "passed", 1 => "failed", _ => "unknown" },
                BillableSeconds = billable,
                Revenue = revenue,
                Margin = Math.Round(revenue - cost, 10, MidpointRounding.ToEven),
            };
        }

        return rows;
    }
}
