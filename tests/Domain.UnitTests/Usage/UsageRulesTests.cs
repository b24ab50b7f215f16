using VapiAgents.Domain.Common;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Domain.UnitTests.Usage;

public sealed class UsageRulesTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("true", SuccessOutcome.Passed)]
    [InlineData(" PASS ", SuccessOutcome.Passed)]
    [InlineData("Successful", SuccessOutcome.Passed)]
    [InlineData("yes", SuccessOutcome.Passed)]
    [InlineData("false", SuccessOutcome.Failed)]
    [InlineData("Failure", SuccessOutcome.Failed)]
    [InlineData("no", SuccessOutcome.Failed)]
    [InlineData("8/10", SuccessOutcome.Passed)]
    [InlineData("4/10", SuccessOutcome.Failed)]
    [InlineData("3/0", SuccessOutcome.Unknown)]
    [InlineData("75%", SuccessOutcome.Passed)]
    [InlineData("49.9%", SuccessOutcome.Failed)]
    [InlineData("0.5", SuccessOutcome.Passed)]
    [InlineData("7", SuccessOutcome.Passed)]
    [InlineData("2", SuccessOutcome.Failed)]
    [InlineData("11", SuccessOutcome.Unknown)]
    [InlineData("-1", SuccessOutcome.Unknown)]
    [InlineData("Excellent", SuccessOutcome.Unknown)]
    [InlineData("", SuccessOutcome.Unknown)]
    [InlineData(null, SuccessOutcome.Unknown)]
    public void SuccessEvaluation_Text(string? text, SuccessOutcome expected) =>
        SuccessEvaluationClassifier.FromText(text).Should().Be(expected);

    [Theory]
    [InlineData(1, SuccessOutcome.Passed)]
    [InlineData(0, SuccessOutcome.Failed)]
    [InlineData(0.49, SuccessOutcome.Failed)]
    [InlineData(10, SuccessOutcome.Passed)]
    [InlineData(10.5, SuccessOutcome.Unknown)]
    public void SuccessEvaluation_Numbers(double score, SuccessOutcome expected) =>
        SuccessEvaluationClassifier.FromNumber((decimal)score).Should().Be(expected);

    [Fact]
    public void SuccessEvaluation_Booleans() =>
        (SuccessEvaluationClassifier.FromBoolean(true), SuccessEvaluationClassifier.FromBoolean(false))
            .Should().Be((SuccessOutcome.Passed, SuccessOutcome.Failed));

    [Fact]
    public void Duration_IsEndedMinusStarted_AndZeroForCallsNeverAnswered()
    {
        CallFacts.Create("a", "o", T0, T0, startedAt: T0.AddSeconds(2), endedAt: T0.AddSeconds(92.5)).DurationMs.Should().Be(90_500);
        CallFacts.Create("b", "o", T0, T0, endedAt: T0.AddSeconds(30)).DurationMs.Should().Be(0);
        CallFacts.Create("c", "o", T0, T0, startedAt: T0.AddSeconds(30)).DurationMs.Should().Be(0, "an in-progress call has no duration yet");
        CallFacts.Create("d", "o", T0, T0, startedAt: T0.AddSeconds(30), endedAt: T0.AddSeconds(10)).DurationMs.Should().Be(0);
    }

    [Fact]
    public void OtherCost_IsWhatTheItemisedPartsDoNotExplain()
    {
        var facts = CallFacts.Create("a", "o", T0, T0, cost: 1.0m, parts: new CostParts(0.1m, 0.2m, 0.3m, 0.1m, 0.05m, 0.05m));

        facts.OtherCost.Should().Be(0.2m);
    }

    [Fact]
    public void Money_KeepsTenDecimals_AndRoundTripsThroughUnits()
    {
        Money.Normalize(0.30000000000000004m).Should().Be(0.3m);
        Money.Normalize(0.12345678905m).Should().Be(0.1234567890m, "half to even");
        Money.FromUnits(Money.ToUnits(3983.96343877m)).Should().Be(3983.96343877m);
        Money.FromUnits(Money.ToUnits(-0.0000000001m)).Should().Be(-0.0000000001m);
        Money.FromUnits(Money.ToUnits(0.3127m)).ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be("0.3127");
    }

    [Fact]
    public void NewerOf_LetsVapisUpdatedAtDecide()
    {
        var older = CallFacts.Create("a", "o", T0, T0.AddMinutes(1), status: "in-progress");
        var newer = older with { UpdatedAt = T0.AddMinutes(5), Status = "ended", Cost = 0.5m };

        older.NewerOf(newer).Should().Be(newer);
        newer.NewerOf(older).Should().Be(newer);
        newer.NewerOf(newer with { Cost = 9m }).Should().Be(newer, "a tie keeps what is held");
    }

    [Fact]
    public void SyncRun_GoesQueuedRunningFinished_AndEndsPartialWhenSomethingIsMissing()
    {
        var run = SyncRun.Queue(Guid.NewGuid(), Guid.NewGuid(), "u", SyncTrigger.Manual, SyncMode.Range, T0, T0.AddDays(1), T0);
        run.Start(T0.AddSeconds(1));
        run.RecordPage(fetched: 10, created: 8, updated: 2, skipped: 0);
        run.RecordSaturatedWindow();

        run.Complete(T0.AddSeconds(2));

        run.Status.Should().Be(SyncRunStatus.Partial);
        (run.Fetched, run.Created, run.Updated, run.Pages).Should().Be((10, 8, 2, 1));
        run.Error.Should().Contain("cannot list past");
        ((Action)(() => run.RecordPage(1, 1, 0, 0))).Should().Throw<DomainRuleException>();
    }

    [Fact]
    public void SyncRun_ClaimedByAnExecutor_ChangesItsVersion_AndCannotBeClaimedTwice()
    {
        var run = SyncRun.Queue(Guid.NewGuid(), Guid.NewGuid(), "u", SyncTrigger.Manual, SyncMode.Incremental, T0, T0, T0);
        var queued = run.Version;

        run.Start(T0.AddSeconds(1));

        run.Version.Should().NotBe(queued, "the claim is what makes two executors of one run exclusive");
        run.Invoking(r => r.Start(T0.AddSeconds(2))).Should().Throw<DomainRuleException>();
    }

    [Fact]
    public void SyncRun_LostByItsExecutor_IsQueuedAgain_ThenEndsLostAfterTheLastRequeue()
    {
        var run = SyncRun.Queue(Guid.NewGuid(), Guid.NewGuid(), "u", SyncTrigger.Manual, SyncMode.Incremental, T0, T0, T0);
        run.AssignJob("17");
        run.Start(T0);

        run.RequeueOrGiveUp(maxRequeues: 1, T0.AddMinutes(1)).Should().BeTrue();
        (run.Status, run.Requeues, run.JobId, run.LastQueuedAt).Should().Be((SyncRunStatus.Queued, 1, (string?)null, T0.AddMinutes(1)));
        run.Start(T0.AddMinutes(2));

        run.RequeueOrGiveUp(maxRequeues: 1, T0.AddMinutes(3)).Should().BeFalse();
        run.Status.Should().Be(SyncRunStatus.Failed);
        run.Error.Should().Be("The sync was lost: the process running it stopped 2 times. Start it again.");
    }

    [Fact]
    public void SyncRun_WhoseJobWasLostBeforeItStarted_EndsAsNeverStarted()
    {
        var run = SyncRun.Queue(Guid.NewGuid(), Guid.NewGuid(), "u", SyncTrigger.Manual, SyncMode.Incremental, T0, T0, T0);

        run.RequeueOrGiveUp(maxRequeues: 0, T0.AddMinutes(1)).Should().BeFalse();

        run.Error.Should().Be("The sync never started: its background job was lost once. Start it again.");
    }

    [Fact]
    public void SyncRun_FailsOnce()
    {
        var run = SyncRun.Queue(Guid.NewGuid(), Guid.NewGuid(), "u", SyncTrigger.Scheduled, SyncMode.Incremental, T0, T0, T0);

        run.Fail("first", T0);
        run.Fail("second", T0.AddSeconds(1));

        (run.Status, run.Error, run.FinishedAt).Should().Be((SyncRunStatus.Failed, "first", T0));
    }
}
