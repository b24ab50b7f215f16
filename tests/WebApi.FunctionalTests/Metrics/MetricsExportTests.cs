using System.Net;
using System.Text;
using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Agents;
using VapiAgents.WebApi.FunctionalTests.Support;
using VapiAgents.WebApi.FunctionalTests.Sync;

namespace VapiAgents.WebApi.FunctionalTests.Metrics;

public abstract class MetricsExportTests(SyncAppFixture fixture)
{
    private TestApp App => fixture.App;

    private OrgDescription Org => fixture.Vapi.Scenario.Orgs[1];

    private static string Range => $"startDate={DateTime.UtcNow.AddDays(-12):yyyy-MM-dd}&endDate={DateTime.UtcNow:yyyy-MM-dd}";

    [SkippableFact]
    public async Task Csv_ByDayAgentAndCall_AddsUpToTheMetrics_AndSurvivesHostileNames()
    {
        var user = await App.RegisterAndLoginAsync();
        const string hostile = "=HYPERLINK(\"http://evil\",\"x\"), \"quoted\"";
        var agent = (await AgentApi.CreateAsync(user.Client, hostile, Org.Keys[0])).Id();
        await SyncApi.SyncAsync(user.Client, agent);
        var metrics = (await (await user.Client.GetAsync($"/api/vapi/metrics?{Range}")).JsonAsync()).GetProperty("metrics");

        var byDay = await CsvAsync(user.Client, $"{Range}&groupBy=day");
        var byAgent = await CsvAsync(user.Client, $"{Range}&groupBy=agent");
        var byCall = await CsvAsync(user.Client, $"{Range}&groupBy=call");

        var calls = metrics.GetProperty("totals").GetProperty("calls").GetInt64();
        var cost = metrics.GetProperty("totals").GetProperty("cost").GetDecimal();
        byDay[0].Should().Equal("date", "calls", "minutes", "durationSeconds", "cost", "billableMinutes", "revenue", "margin", "marginPercent");
        byDay.Skip(1).Should().HaveCount(13);
        byDay.Skip(1).Sum(r => long.Parse(r[1])).Should().Be(calls);
        byDay.Skip(1).Sum(r => decimal.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture)).Should().Be(cost);
        byAgent[1][1].Should().Be("'" + hostile, "a formula is neutralised, and quotes and commas survive the round trip");
        byCall[0].Should().Equal(
            "callId", "createdAt", "agents", "assistantId", "type", "status", "endedReason", "durationSeconds", "cost", "transport", "stt",
            "llm", "tts", "vapi", "analysis", "other", "llmPromptTokens", "llmCompletionTokens", "ttsCharacters", "billableSeconds", "revenue",
            "successEvaluation", "successOutcome", "margin");
        byCall.Skip(1).Should().HaveCount((int)calls);
        calls.Should().BeGreaterThan(300, "the per-call file then outgrows the CSV writer's 64 KiB buffer, so it is written out while rows are still read");
        // Each measure's column adds up to the metrics' figure of it.
        var parts = metrics.GetProperty("costBreakdown");
        foreach (var (column, part) in new[] { (9, "transport"), (10, "stt"), (11, "llm"), (12, "tts"), (13, "vapi"), (14, "analysis"), (15, "other") })
        {
            byCall.Skip(1).Sum(r => decimal.Parse(r[column], System.Globalization.CultureInfo.InvariantCulture)).Should().Be(parts.GetProperty(part).GetDecimal(), part);
        }

        byCall.Skip(1).Sum(r => long.Parse(r[16])).Should().Be(metrics.GetProperty("tokens").GetProperty("llmPrompt").GetInt64());
        byCall.Skip(1).Sum(r => decimal.Parse(r[8], System.Globalization.CultureInfo.InvariantCulture)).Should().Be(cost);
        byCall.Skip(1).Should().OnlyContain(r => r[2] == "'" + hostile);
    }

    private static async Task<List<string[]>> CsvAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/vapi/metrics/export?{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF }, "the file starts with its header, not a byte-order mark");
        return Rfc4180.Parse(Encoding.UTF8.GetString(bytes));
    }
}

public sealed class SqliteMetricsExportTests(SqliteSyncAppFixture fixture) : MetricsExportTests(fixture), IClassFixture<SqliteSyncAppFixture>;

public sealed class PostgreSqlMetricsExportTests(PostgreSqlSyncAppFixture fixture) : MetricsExportTests(fixture), IClassFixture<PostgreSqlSyncAppFixture>;

/// <summary>A strict RFC 4180 reader for the tests: CRLF rows, quoted fields with doubled quotes.</summary>
public static class Rfc4180
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { cell.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else { cell.Append(c); }
        }

        return rows;
    }
}
