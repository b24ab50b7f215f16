using VapiAgents.Domain.Budgets;
using VapiAgents.Domain.Common;

namespace VapiAgents.Domain.UnitTests.Budgets;

public sealed class BudgetRulesTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    private static Budget Monthly(decimal amount, params int[] thresholds) =>
        Budget.Create(Guid.NewGuid(), "u", "b", null, BudgetPeriod.Month, "UTC", amount, thresholds.Length == 0 ? null : thresholds, T0);

    public static TheoryData<BudgetPeriod, string, string, string> Periods => new()
    {
        // A week runs Monday to Sunday (ISO), whatever the year does.
        { BudgetPeriod.Week, "2026-12-02", "2026-11-30", "2026-12-06" },
        { BudgetPeriod.Week, "2026-11-30", "2026-11-30", "2026-12-06" },
        { BudgetPeriod.Week, "2026-12-06", "2026-11-30", "2026-12-06" },
        { BudgetPeriod.Week, "2027-01-01", "2026-12-28", "2027-01-03" },
        { BudgetPeriod.Week, "2024-02-29", "2024-02-26", "2024-03-03" },
        { BudgetPeriod.Month, "2024-02-29", "2024-02-01", "2024-02-29" },
        { BudgetPeriod.Month, "2026-02-01", "2026-02-01", "2026-02-28" },
        { BudgetPeriod.Month, "2026-12-31", "2026-12-01", "2026-12-31" },
        { BudgetPeriod.Day, "2026-03-29", "2026-03-29", "2026-03-29" },
    };

    [Theory]
    [MemberData(nameof(Periods))]
    public void ThePeriodHoldingADay_IsAnIsoWeekOrACalendarMonth(BudgetPeriod period, string day, string start, string end)
    {
        var span = PeriodSpan.Containing(period, DateOnly.Parse(day));

        span.Should().Be(new PeriodSpan(DateOnly.Parse(start), DateOnly.Parse(end)));
    }

    [Theory]
    [InlineData(0, "ok", new int[0])]
    [InlineData(49.99, "ok", new int[0])]
    [InlineData(50, "warning", new[] { 50 })]
    [InlineData(99.99, "warning", new[] { 50, 80 })]
    [InlineData(100, "exceeded", new[] { 50, 80, 100 })]
    [InlineData(120, "exceeded", new[] { 50, 80, 100 })]
    public void StatusAndReachedThresholds_FollowTheSpend(double spent, string status, int[] reached)
    {
        var budget = Monthly(100m);

        budget.StatusFor((decimal)spent).ToString().ToLowerInvariant().Should().Be(status);
        budget.ThresholdsReachedBy((decimal)spent).Should().Equal(reached);
    }

    [Fact]
    public void ThresholdsAreSortedAndUnique_AndAThresholdAbove100IsNotAWarning()
    {
        var budget = Monthly(10m, 150, 100, 150, 25);

        budget.Thresholds.Should().Equal(25, 100, 150);
        budget.StatusFor(2m).Should().Be(BudgetStatus.Ok);
        budget.AmountAt(150).Should().Be(15m);
    }

    [Fact]
    public void AnAmountOfZeroOrAThresholdOutOfRange_BreaksTheRules()
    {
        FluentActions.Invoking(() => Monthly(0m)).Should().Throw<DomainRuleException>();
        FluentActions.Invoking(() => Monthly(10m, 0)).Should().Throw<DomainRuleException>();
        FluentActions.Invoking(() => Monthly(10m, 1001)).Should().Throw<DomainRuleException>();
    }

    [Fact]
    public void ABudget_WatchesOneAgentOrOneClient_NeverBoth()
    {
        var (agent, client) = (Guid.NewGuid(), Guid.NewGuid());

        var create = () => Budget.Create(Guid.NewGuid(), "u", "b", agent, BudgetPeriod.Month, "UTC", 10m, null, T0, client);
        create.Should().Throw<DomainRuleException>();

        var budget = Budget.Create(Guid.NewGuid(), "u", "b", null, BudgetPeriod.Month, "UTC", 10m, null, T0, client);
        budget.ClientId.Should().Be(client);
        var rescope = () => budget.Rescope(agent, client, T0);
        rescope.Should().Throw<DomainRuleException>();
        budget.Rescope(agent, null, T0);
        (budget.AgentId, budget.ClientId).Should().Be((agent, (Guid?)null));
    }
}
