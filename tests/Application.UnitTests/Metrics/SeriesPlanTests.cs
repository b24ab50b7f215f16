using VapiAgents.Application.Metrics;

namespace VapiAgents.Application.UnitTests.Metrics;

public class SeriesPlanTests
{
    private static DayRange Day(string zone, string date) =>
        new(DateOnly.Parse(date), DateOnly.Parse(date), TimeZoneInfo.FindSystemTimeZoneById(zone));

    [Theory]
    [InlineData("America/New_York", "2026-03-08", 23)]
    [InlineData("America/New_York", "2026-11-01", 25)]
    [InlineData("Europe/London", "2026-03-29", 23)]
    [InlineData("Europe/London", "2026-10-25", 25)]
    [InlineData("Asia/Kolkata", "2026-03-08", 24)]
    [InlineData("Asia/Kathmandu", "2026-11-01", 24)]
    [InlineData("Australia/Lord_Howe", "2026-04-05", 25)]
    public void ADstDay_HasOneHourPerLocalWallClockHourAndOffset(string zone, string date, int hours)
    {
        var buckets = SeriesPlan.Plan(Day(zone, date), SeriesInterval.Hour);

        buckets.Should().HaveCount(hours);
        buckets.Zip(buckets.Skip(1)).Should().OnlyContain(p => p.First.EndMs == p.Second.StartMs);
        (buckets[^1].EndMs - buckets[0].StartMs).Should().Be((long)((hours == 25 && zone == "Australia/Lord_Howe" ? 24.5 : hours) * 3_600_000));
    }

    [Fact]
    public void TheRepeatedHour_AppearsTwice_WithItsTwoOffsets()
    {
        var starts = SeriesPlan.Plan(Day("America/New_York", "2026-11-01"), SeriesInterval.Hour).Select(b => b.Start).ToList();

        starts.Should().ContainInConsecutiveOrder("2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T02:00:00-05:00");
        SeriesPlan.Plan(Day("America/New_York", "2026-03-08"), SeriesInterval.Hour).Select(b => b.Start)
            .Should().ContainInConsecutiveOrder("2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00");
    }

    [Fact]
    public void HoursInA45MinuteZone_StartOnTheLocalHour()
    {
        var buckets = SeriesPlan.Plan(Day("Asia/Kathmandu", "2026-03-02"), SeriesInterval.Hour);

        buckets[1].Start.Should().Be("2026-03-02T01:00:00+05:45");
        buckets[1].StartMs.Should().Be(new DateTimeOffset(2026, 3, 1, 19, 15, 0, TimeSpan.Zero).ToUnixTimeMilliseconds());
    }

    [Fact]
    public void WeeksAndMonths_AreClippedToTheRange_AndStartAtItsFirstDay()
    {
        var range = new DayRange(new DateOnly(2026, 2, 20), new DateOnly(2026, 4, 15), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

        SeriesPlan.Plan(range, SeriesInterval.Month).Select(b => b.Start).Should().Equal(
            "2026-02-20T00:00:00-05:00", "2026-03-01T00:00:00-05:00", "2026-04-01T00:00:00-04:00");
        var weeks = SeriesPlan.Plan(range, SeriesInterval.Week);
        weeks[0].Start.Should().Be("2026-02-20T00:00:00-05:00");
        weeks[1].Start.Should().Be("2026-02-23T00:00:00-05:00");
        weeks[^1].Start.Should().Be("2026-04-13T00:00:00-04:00");
        weeks[^1].EndMs.Should().Be(new DateTimeOffset(2026, 4, 16, 4, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds());
    }

    [Fact]
    public void ADayWithoutMidnight_StartsAtItsFirstInstant()
    {
        // Santiago moves its clocks forward at midnight: 6 September 2026 begins at 01:00.
        SeriesPlan.Plan(Day("America/Santiago", "2026-09-06"), SeriesInterval.Day).Single().Start.Should().Be("2026-09-06T01:00:00-03:00");
    }
}
