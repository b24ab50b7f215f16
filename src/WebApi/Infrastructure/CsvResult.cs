using CsvHelper;
using VapiAgents.Application.Metrics.Queries.ExportMetrics;

namespace VapiAgents.WebApi.Infrastructure;

/// <summary>
/// Writes a <see cref="CsvExport"/> as it is enumerated, through CsvHelper: RFC 4180 quoting (a cell with a comma, a
/// quote, a line break or surrounding spaces is quoted), a header row, and text cells that a spreadsheet would run as a
/// formula (starting with = + - @, a tab or a carriage return) prefixed with '. Rows go out as CsvHelper's buffer fills,
/// so a million calls are never held at once.
/// </summary>
public sealed class CsvResult(CsvExport export) : IResult
{
    // CsvHelper's own injection guard applies to every field, and would turn a negative margin into '-0.05; only the
    // free-text columns are guarded, here (ADR 033).
    private static readonly CsvWriterOptions Options = new() { Quoting = CsvQuoting.WhenNeededOrWhitespace };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{export.FileName}\"";
        var aborted = httpContext.RequestAborted;
        await using var csv = CsvWriter.Create(response.Body, Options, leaveOpen: true);
        csv.WriteHeader([.. export.Header]);
        await foreach (var row in export.Rows.WithCancellation(aborted))
        {
            for (var i = 0; i < row.Count; i++)
            {
                csv.WriteField(row[i] is { } text && export.TextColumns.Contains(i) ? Neutralise(text) : row[i]);
            }

            await csv.EndRecordAsync(aborted);
        }
    }

    internal static string Neutralise(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;
}
