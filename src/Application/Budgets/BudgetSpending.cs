using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Time;
using VapiAgents.Application.Metrics;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Agents.Specifications;
using VapiAgents.Domain.Budgets;
using VapiAgents.Domain.Clients;
using VapiAgents.Domain.Clients.Specifications;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Budgets;

/// <summary>What a budget has spent in its current period, read from the rollups (never a scan of the calls).</summary>
/// <param name="ClientDeleted">The budget's client was deleted: it watches no agent any more (spend 0) until rescoped.</param>
public sealed record BudgetSpend(Budget Budget, PeriodSpan Period, decimal Spent, decimal Forecast, bool AgentDeleted, bool ClientDeleted = false)
{
    public decimal Percent => Budget.Amount == 0 ? 0 : Math.Round(Spent * 100m / Budget.Amount, 2);

    public BudgetStatus Status => Budget.StatusFor(Spent);
}

public sealed class BudgetSpending(IReadRepository<VapiAgent> agents, IReadRepository<Client> clients, IUsageReader usage, TimeProvider clock)
{
    /// <summary>
    /// The current period of each budget in its zone, and the spend of its agents in it: one agent (even deleted),
    /// the agents assigned to one client now (ADR 020: by-client figures follow the current assignment), or all of
    /// the user's agents, active, inactive and deleted (money spent is spent). A call two of the agents hold counts
    /// once. Budgets sharing a scope, zone and period share one read.
    /// </summary>
    public async Task<IReadOnlyList<BudgetSpend>> ReadAsync(string userId, IReadOnlyList<Budget> budgets, CancellationToken cancellationToken)
    {
        if (budgets.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var owned = await agents.ListAsync(new AgentsForUserSpec(userId, includeDeleted: true), cancellationToken);
        var everyAgent = owned.Select(a => a.Id).ToList();
        var deleted = owned.Where(a => a.IsDeleted).Select(a => a.Id).ToHashSet();
        var liveClients = budgets.Any(b => b.ClientId is not null)
            ? (await clients.ListAsync(new ClientsForUserSpec(userId), cancellationToken)).Select(c => c.Id).ToHashSet()
            : [];
        var reads = new Dictionary<(Guid?, Guid?, string, DateOnly, DateOnly), long>();
        var answers = new List<BudgetSpend>(budgets.Count);
        foreach (var budget in budgets)
        {
            ZonedCalendar.TryFindZone(budget.Timezone, out var zone);
            var period = PeriodSpan.Containing(budget.Period, ZonedCalendar.DayOf(now, zone));
            var key = (budget.AgentId, budget.ClientId, zone.Id, period.Start, period.End);
            if (!reads.TryGetValue(key, out var cost))
            {
                IReadOnlyCollection<Guid> ids = budget switch
                {
                    { AgentId: { } agentId } => [agentId],
                    { ClientId: { } clientId } => owned.Where(a => a.ClientId == clientId).Select(a => a.Id).ToList(),
                    _ => everyAgent,
                };
                cost = ids.Count == 0 ? 0 : (await usage.ReadBriefAsync(userId, ids, new DayRange(period.Start, period.End, zone), cancellationToken)).Cost;
                reads[key] = cost;
            }

            var spent = Money.FromUnits(cost);
            var start = ZonedCalendar.StartOfDayUtc(period.Start, zone);
            var end = ZonedCalendar.StartOfDayUtc(period.End.AddDays(1), zone);
            var elapsed = Math.Max((now - start).TotalSeconds, 1);
            var forecast = Math.Round(spent * (decimal)((end - start).TotalSeconds / elapsed), 2);
            answers.Add(new BudgetSpend(
                budget, period, spent, forecast, budget.AgentId is { } id && deleted.Contains(id),
                budget.ClientId is { } client && !liveClients.Contains(client)));
        }

        return answers;
    }

    public static BudgetDto ToDto(BudgetSpend spend)
    {
        var budget = spend.Budget;
        return new BudgetDto(
            budget.Id, budget.Name, budget.AgentId, spend.AgentDeleted, budget.ClientId, spend.ClientDeleted, PeriodNames.Name(budget.Period), budget.Timezone, budget.Amount,
            budget.Thresholds, budget.CreatedAt, budget.UpdatedAt,
            new BudgetCurrentDto(
                spend.Period.Start.ToString(ZonedCalendar.DateFormat), spend.Period.End.ToString(ZonedCalendar.DateFormat),
                spend.Spent, spend.Percent, spend.Forecast, spend.Status.ToString().ToLowerInvariant()));
    }
}
