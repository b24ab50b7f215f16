namespace VapiAgents.Application.Metrics.Queries.ExportMetrics;

/// <summary>One column of an export: its header and its cell for an item, kept together so they cannot drift apart.</summary>
/// <param name="IsText">Free text (names, reasons), which the writer guards against formula injection.</param>
public sealed record CsvColumn<T>(string Header, Func<T, string?> Cell, bool IsText = false)
{
    /// <summary>An export whose rows are the items' cells, column by column.</summary>
    public static CsvExport Export(string fileName, IReadOnlyList<CsvColumn<T>> columns, IAsyncEnumerable<T> items) => new(
        fileName,
        [.. columns.Select(c => c.Header)],
        columns.Select((c, i) => (c, i)).Where(x => x.c.IsText).Select(x => x.i).ToHashSet(),
        items.Select(item => (IReadOnlyList<string?>)[.. columns.Select(c => c.Cell(item))]));
}
