using VapiAgents.Domain.Alerts;

namespace VapiAgents.Domain.UnitTests.Alerts;

public sealed class AlertRulesTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void OneOccurrence_HasOneKey_WhoeverRaisesIt_AndAnotherPeriodOrThresholdAnother()
    {
        var budget = Guid.NewGuid();
        var day = new DateOnly(2026, 11, 1);

        var first = Alert.BudgetThreshold("u", budget, null, 80, day, 81m, 80m, "m", T0);
        var again = Alert.BudgetThreshold("u", budget, null, 80, day, 95m, 80m, "m", T0.AddHours(1));

        again.OccurrenceKey.Should().Be(first.OccurrenceKey);
        Alert.BudgetThreshold("u", budget, null, 100, day, 101m, 100m, "m", T0).OccurrenceKey.Should().NotBe(first.OccurrenceKey);
        Alert.BudgetThreshold("u", budget, null, 80, day.AddMonths(1), 81m, 80m, "m", T0).OccurrenceKey.Should().NotBe(first.OccurrenceKey);
        Alert.Anomaly("u", AlertKind.AnomalyCost, budget, day, 1m, 1m, "m", T0).OccurrenceKey
            .Should().NotBe(Alert.Anomaly("u", AlertKind.AnomalyCalls, budget, day, 1m, 1m, "m", T0).OccurrenceKey);
        first.OccurrenceKey.Length.Should().BeLessThanOrEqualTo(Alert.OccurrenceKeyMaxLength);
    }

    [Fact]
    public void AcknowledgingTwice_KeepsTheFirstTime()
    {
        var alert = Alert.SyncFailing("u", Guid.NewGuid(), "never", 3, "m", T0);

        alert.Acknowledge(T0.AddMinutes(1));
        alert.Acknowledge(T0.AddMinutes(2));

        alert.AcknowledgedAt.Should().Be(T0.AddMinutes(1));
    }
}
