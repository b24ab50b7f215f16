using VapiAgents.Application.Metrics;

namespace VapiAgents.Application.UnitTests.Metrics;

public class ConcurrencySweepTests
{
    private const long Minute = 60_000;

    /// <summary>Three UTC hours of 2026-03-01, starting at midnight.</summary>
    private static readonly IReadOnlyList<SeriesBucket> Hours = SeriesPlan.Plan(
        new DayRange(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1), TimeZoneInfo.Utc), SeriesInterval.Hour).Take(3).ToList();

    private static long At(long minutes) => Hours[0].StartMs + minutes * Minute;

    private static CallInterval Call(long fromMinute, long toMinute) => new(At(fromMinute), At(toMinute));

    [Fact]
    public void CallsThatOnlyTouch_DoNotOverlap()
    {
        var peaks = ConcurrencySweep.Compute([Call(0, 10), Call(10, 20), Call(20, 30)], Hours);

        peaks.Peak.Should().Be(1);
        peaks.PeakAtMs.Should().Be(At(0));
    }

    [Fact]
    public void OverlappingCalls_PeakAtTheFirstInstantTheMostAreInProgress_PerBucketToo()
    {
        // Hour 0: 2 at once (5..10); a call from 50 to 70 carries into hour 1, where two more join at 65: 3 at once.
        // Hour 2 has nothing.
        var peaks = ConcurrencySweep.Compute([Call(0, 10), Call(5, 15), Call(50, 70), Call(65, 80), Call(65, 66)], Hours);

        peaks.Peak.Should().Be(3);
        peaks.PeakAtMs.Should().Be(At(65));
        peaks.BucketPeaks.Should().Equal(2, 3, 0);
    }

    [Fact]
    public void ACallInProgressAcrossBuckets_CountsInEachOfThem_AndIsClippedToTheRange()
    {
        var peaks = ConcurrencySweep.Compute([Call(-30, 200), Call(90, 100)], Hours);

        peaks.BucketPeaks.Should().Equal(1, 2, 1);
        peaks.PeakAtMs.Should().Be(At(90));
    }

    [Fact]
    public void NoCalls_GivePeakZero_AndNoInstant()
    {
        var peaks = ConcurrencySweep.Compute([Call(200, 300)], Hours);

        peaks.Peak.Should().Be(0);
        peaks.PeakAtMs.Should().BeNull();
        peaks.BucketPeaks.Should().Equal(0, 0, 0);
    }

    [Theory]
    [InlineData(1, 15 + 40)] // [0,15) and [50,90): every minute with a call
    [InlineData(2, 5 + 15)] // [5,10) and [65,80)
    [InlineData(3, 1)] // [65,66) only
    [InlineData(4, 0)]
    public void TheTimeAtOrAboveALimit_IsSummedExactly_TouchingEndsNotOverlapping(int limit, long minutes)
    {
        var peaks = ConcurrencySweep.Compute([Call(0, 10), Call(5, 15), Call(50, 70), Call(65, 80), Call(65, 66), Call(80, 90), Call(70, 80)], Hours, limit);

        // [80,90) touches the two calls that end at 80, so [80,90) holds one call, not three.
        peaks.AtOrAboveLimitMs.Should().Be(minutes * Minute);
    }

    [Fact]
    public void ACallInProgressAtTheEndOfTheRange_CountsUpToTheEnd_AndNoLimitGivesNull()
    {
        var calls = new[] { Call(-30, 500), Call(170, 400) };

        ConcurrencySweep.Compute(calls, Hours, 2).AtOrAboveLimitMs.Should().Be(10 * Minute, "two calls from minute 170 to the range's end at 180");
        ConcurrencySweep.Compute(calls, Hours, 1).AtOrAboveLimitMs.Should().Be(180 * Minute);
        ConcurrencySweep.Compute(calls, Hours).AtOrAboveLimitMs.Should().BeNull();
    }
}
