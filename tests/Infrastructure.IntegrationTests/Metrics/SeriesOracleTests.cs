using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Metrics;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.IntegrationTests.Metrics;

/// <summary>
/// The series reader at every grain, in zones with DST changes and :30/:45 offsets, against a plain computation
/// over the raw calls: each call once, put in the bucket of its local creation time (hour and offset, day, ISO
/// week clipped to the range, month clipped to the range). Zero-filled, contiguous, and adding up to the totals.
/// </summary>
public abstract class SeriesOracleTests(UsageDataFixture data)
{
    public static TheoryData<string, string, string, string> Questions()
    {
        var questions = new TheoryData<string, string, string, string>();
        // Hourly ranges hold the zone's spring-forward day (New York 8 March, London 29 March, Chatham's fall-back 5 April).
        foreach (var (zone, first, last) in new[]
        {
            ("America/New_York", "2026-03-01", "2026-03-31"), ("Europe/London", "2026-03-15", "2026-04-14"),
            ("Asia/Kolkata", "2026-03-01", "2026-03-20"), ("Asia/Kathmandu", "2026-04-01", "2026-04-19"), ("Pacific/Chatham", "2026-03-20", "2026-04-19"),
        })
        {
            questions.Add(zone, SeriesInterval.Hour, first, last);
            foreach (var grain in new[] { SeriesInterval.Day, SeriesInterval.Week, SeriesInterval.Month })
            {
                // Starts on a Friday mid-month: the first week and month are clipped, and so are the last.
                questions.Add(zone, grain, "2026-02-20", "2026-04-15");
            }
        }

        return questions;
    }

    [SkippableTheory]
    [MemberData(nameof(Questions))]
    public async Task Series_EqualsThePlainComputationOverRawCalls(string zoneId, string interval, string first, string last)
    {
        data.RequireDatabase();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var range = new DayRange(DateOnly.Parse(first), DateOnly.Parse(last), zone);
        await using var scope = data.Services.CreateAsyncScope();
        var buckets = SeriesPlan.Plan(range, interval);
        var series = await scope.ServiceProvider.GetRequiredService<ISeriesUsageReader>().ReadAsync(UsageDataFixture.UserId, data.Agents, buckets, default);
        var report = await scope.ServiceProvider.GetRequiredService<IUsageReader>().ReadAsync(UsageDataFixture.UserId, data.Agents, range, default);
        var expected = await PlainAsync(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>(), range, interval);

        series.Should().HaveCount(buckets.Count);
        buckets[0].StartMs.Should().Be(new DateTimeOffset(Application.Common.Time.ZonedCalendar.StartOfDayUtc(range.First, zone)).ToUnixTimeMilliseconds());
        buckets.Zip(buckets.Skip(1)).Should().OnlyContain(p => p.First.EndMs == p.Second.StartMs, "buckets are contiguous, oldest first");
        var keys = buckets.Select(b => KeyOf(b.LocalStart, interval)).ToList();
        keys.Should().OnlyHaveUniqueItems();
        expected.Keys.Should().BeSubsetOf(keys, "every call falls in a bucket of the series");
        for (var i = 0; i < buckets.Count; i++)
        {
            series[i].Should().Be(expected.GetValueOrDefault(keys[i]), $"bucket {buckets[i].Start}");
        }

        new UsageBrief(series.Sum(s => s.Calls), series.Sum(s => s.DurationMs), series.Sum(s => s.Cost))
            .Should().Be(new UsageBrief(report.Totals[UsageMeasures.Calls], report.Totals[UsageMeasures.DurationMs], report.Totals[UsageMeasures.Cost]), "the series adds up to the totals");
        report.Totals[UsageMeasures.Calls].Should().BeGreaterThan(100);
        if (interval == SeriesInterval.Hour && zoneId is "America/New_York" or "Europe/London")
        {
            var dstDay = zoneId == "America/New_York" ? new DateOnly(2026, 3, 8) : new DateOnly(2026, 3, 29);
            buckets.Count(b => DateOnly.FromDateTime(b.LocalStart.DateTime) == dstDay).Should().Be(23, "a spring-forward day has 23 local hours");
        }
    }

    [SkippableTheory]
    [InlineData("America/New_York")]
    [InlineData("Europe/London")]
    [InlineData("Asia/Kathmandu")]
    [InlineData("Pacific/Chatham")]
    public async Task Heatmap_EqualsThePlainComputationOverRawCalls_AndAddsUpToTheTotals(string zoneId)
    {
        data.RequireDatabase();
        var range = new DayRange(new DateOnly(2026, 2, 18), new DateOnly(2026, 5, 18), TimeZoneInfo.FindSystemTimeZoneById(zoneId));
        await using var scope = data.Services.CreateAsyncScope();
        var hours = SeriesPlan.Plan(range, SeriesInterval.Hour);
        var cells = HourOfWeek.Fold(hours, await scope.ServiceProvider.GetRequiredService<ISeriesUsageReader>().ReadAsync(UsageDataFixture.UserId, data.Agents, hours, default));
        var report = await scope.ServiceProvider.GetRequiredService<IUsageReader>().ReadAsync(UsageDataFixture.UserId, data.Agents, range, default);

        var expected = new UsageBrief[HourOfWeek.Cells];
        foreach (var (local, call) in await LocalCallsAsync(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>(), range))
        {
            var i = (((int)local.DayOfWeek + 6) % 7) * 24 + local.Hour;
            expected[i] = expected[i].Plus(new UsageBrief(1, call.DurationMs, Money.ToUnits(call.Cost), call.BillableSeconds, Money.ToUnits(call.Revenue)));
        }

        cells.Should().Equal(expected);
        cells.Sum(c => c.Calls).Should().Be(report.Totals[UsageMeasures.Calls]).And.BeGreaterThan(1000);
        cells.Sum(c => c.Cost).Should().Be(report.Totals[UsageMeasures.Cost]);
    }

    [SkippableFact]
    public async Task Concurrency_EqualsABruteForceCount_AndASharedCallCountsOnce()
    {
        data.RequireDatabase();
        var range = new DayRange(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu"));
        await using var scope = data.Services.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<ICallIntervalReader>();
        var hours = SeriesPlan.Plan(range, SeriesInterval.Hour);
        var (from, to) = (hours[0].StartMs, hours[^1].EndMs);
        var calls = await reader.ReadAsync(UsageDataFixture.UserId, data.Agents, from, to, default);
        var peaks = ConcurrencySweep.Compute(calls, hours);

        // Brute force: the count at every instant a call starts (the only instants a count can rise), clipped to each hour.
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var agents = data.Agents.ToList();
        var raw = (await db.CallUsages.AsNoTracking().Where(u => u.UserId == UsageDataFixture.UserId && agents.Contains(u.AgentId)).ToListAsync())
            .DistinctBy(r => r.CallId).Where(r => r.StartedAt is not null && r.EndedAt is not null && r.EndedAt > r.StartedAt)
            .Select(r => (Start: new DateTimeOffset(DateTime.SpecifyKind(r.StartedAt!.Value, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
                End: new DateTimeOffset(DateTime.SpecifyKind(r.EndedAt!.Value, DateTimeKind.Utc)).ToUnixTimeMilliseconds()))
            .ToList();
        int CountAt(long t) => raw.Count(c => c.Start <= t && t < c.End);
        var expected = hours.Select(h => raw.Select(c => Math.Max(c.Start, h.StartMs)).Where(t => t >= h.StartMs && t < h.EndMs).Distinct().Select(CountAt).DefaultIfEmpty(0).Max()).ToList();

        peaks.BucketPeaks.Should().Equal(expected);
        peaks.Peak.Should().Be(expected.Max()).And.BeGreaterThan(1);
        CountAt(peaks.PeakAtMs!.Value).Should().Be(peaks.Peak);
        (await reader.ReadAsync(UsageDataFixture.UserId, [data.WholeOrg, data.AssistantOne], from, to, default))
            .Should().BeEquivalentTo(await reader.ReadAsync(UsageDataFixture.UserId, [data.WholeOrg], from, to, default), "a call seen by two agents is one call");
    }

    [SkippableFact]
    public async Task Series_OfASelection_CountsASharedCallOnce()
    {
        data.RequireDatabase();
        var range = new DayRange(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 10), TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));
        await using var scope = data.Services.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<ISeriesUsageReader>();
        var buckets = SeriesPlan.Plan(range, SeriesInterval.Hour);
        var both = await reader.ReadAsync(UsageDataFixture.UserId, [data.WholeOrg, data.AssistantOne], buckets, default);
        var whole = await reader.ReadAsync(UsageDataFixture.UserId, [data.WholeOrg], buckets, default);

        both.Should().Equal(whole, "every call of assistant one is also a call of the whole organisation");
        both.Sum(b => b.Calls).Should().BeGreaterThan(0);
    }

    /// <summary>The bucket a local instant belongs to, named without the series: the local hour with its offset, or the clipped first day.</summary>
    private static string KeyOf(DateTimeOffset local, string interval) => interval == SeriesInterval.Hour
        ? $"{local:yyyy-MM-ddTHH}{local.Offset}"
        : DateOnly.FromDateTime(local.DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Each of the selected calls once, with its local creation time, if that falls on a day of the range.</summary>
    private async Task<List<(DateTimeOffset Local, CallUsage Call)>> LocalCallsAsync(ApplicationDbContext db, DayRange range)
    {
        var agents = data.Agents.ToList();
        var rows = await db.CallUsages.AsNoTracking().Where(u => u.UserId == UsageDataFixture.UserId && agents.Contains(u.AgentId)).ToListAsync();
        return rows.DistinctBy(r => r.CallId)
            .Select(call =>
            {
                var utc = DateTime.SpecifyKind(call.CreatedAt, DateTimeKind.Utc);
                return (Local: new DateTimeOffset(utc).ToOffset(range.Zone.GetUtcOffset(utc)), Call: call);
            })
            .Where(c => DateOnly.FromDateTime(c.Local.DateTime) >= range.First && DateOnly.FromDateTime(c.Local.DateTime) <= range.Last)
            .ToList();
    }

    private async Task<Dictionary<string, UsageBrief>> PlainAsync(ApplicationDbContext db, DayRange range, string interval)
    {
        var sums = new Dictionary<string, UsageBrief>();
        foreach (var (local, call) in await LocalCallsAsync(db, range))
        {
            var day = DateOnly.FromDateTime(local.DateTime);

            var key = interval switch
            {
                SeriesInterval.Hour => KeyOf(local, interval),
                SeriesInterval.Week => Clip(day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), range),
                SeriesInterval.Month => Clip(new DateOnly(day.Year, day.Month, 1), range),
                _ => Clip(day, range),
            };
            var sum = sums.GetValueOrDefault(key);
            sums[key] = sum.Plus(new UsageBrief(1, call.DurationMs, Money.ToUnits(call.Cost), call.BillableSeconds, Money.ToUnits(call.Revenue)));
        }

        return sums;
    }

    private static string Clip(DateOnly day, DayRange range) =>
        (day < range.First ? range.First : day).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class SqliteSeriesOracleTests(SqliteUsageDataFixture data) : SeriesOracleTests(data), IClassFixture<SqliteUsageDataFixture>;

public sealed class PostgreSqlSeriesOracleTests(PostgreSqlUsageDataFixture data) : SeriesOracleTests(data), IClassFixture<PostgreSqlUsageDataFixture>;
