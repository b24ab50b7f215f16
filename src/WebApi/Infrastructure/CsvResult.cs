using System.Globalization;
using System.Text;
using VapiAgents.Application.Metrics.Queries.ExportMetrics;

namespace VapiAgents.WebApi.Infrastructure;

/// <summary>
/// Writes a <see cref="CsvExport"/> as it is enumerated: RFC 4180 quoting, a header row, and text cells that
/// a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) prefixed with '.
/// </summary>
public sealed class CsvResult(CsvExport export) : IResult
{
    private const int FlushEvery = 500;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{export.FileName}\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024);
        await WriteRowAsync(writer, export.Header, textColumns: null);
        var rows = 0;
        await foreach (var row in export.Rows.WithCancellation(httpContext.RequestAborted))
        {
            await WriteRowAsync(writer, row, export.TextColumns);
            if (++rows % FlushEvery == 0)
            {
                await writer.FlushAsync(httpContext.RequestAborted);
            }
        }
    }

    private static async Task WriteRowAsync(StreamWriter writer, IReadOnlyList<string?> cells, IReadOnlySet<int>? textColumns)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                await writer.WriteAsync(',');
            }

            var cell = cells[i] ?? "";
            await writer.WriteAsync(Quote(textColumns?.Contains(i) == true ? Neutralise(cell) : cell));
        }

        await writer.WriteAsync("\r\n");
    }

    internal static string Neutralise(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

    internal static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) < 0 && !cell.StartsWith(' ') && !cell.EndsWith(' ')
            ? cell
            : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
