using System.Globalization;
using Mediator;
using VapiAgents.Application.Budgets;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Time;
using VapiAgents.Application.Metrics;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Agents.Specifications;
using VapiAgents.Domain.Alerts;
using VapiAgents.Domain.Alerts.Specifications;
using VapiAgents.Domain.Budgets;
using VapiAgents.Domain.Budgets.Specifications;
using VapiAgents.Domain.Usage;
using VapiAgents.Domain.Usage.Specifications;

namespace VapiAgents.Application.Alerts.Commands.EvaluateAlerts;

/// <summary>
/// Looks at one user's budgets, agents' days and syncs, and raises what is due: sent after a sync run that stored
/// calls (or failed), after an accepted webhook report, and by the schedule. Safe to run anywhere, any number of
/// times, concurrently: each occurrence has a unique key in the database, so it makes one alert.
/// </summary>
public sealed record EvaluateAlertsCommand(string UserId) : ICommand<int>;

public sealed class EvaluateAlertsCommandHandler(
    IReadRepository<Budget> budgets,
    IReadRepository<VapiAgent> agents,
    IReadRepository<AlertSettings> settings,
    IReadRepository<SyncRun> runs,
    BudgetSpending spending,
    IUsageReader usage,
    IAgentCallHistory history,
    IAlertLog log,
    Notifications.NotificationOutbox outbox,
    TimeProvider clock) : ICommandHandler<EvaluateAlertsCommand, int>
{
    /// <summary>Failed syncs in a row that make an agent's syncing "failing".</summary>
    public const int FailingStreak = 3;

    private const int RunsLooked = 50;

    public async ValueTask<int> Handle(EvaluateAlertsCommand command, CancellationToken cancellationToken)
    {
        var userId = command.UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        var due = new List<Alert>();
        due.AddRange(await BudgetAlertsAsync(userId, now, cancellationToken));

        var live = (await agents.ListAsync(new AgentsForUserSpec(userId, includeDeleted: false), cancellationToken)).ToList();
        var preferences = await settings.SingleOrDefaultAsync(new AlertSettingsForUserSpec(userId), cancellationToken)
            ?? AlertSettings.Defaults(userId, now);
        if (preferences.AnomalyEnabled && live.Count > 0)
        {
            due.AddRange(await AnomalyAlertsAsync(userId, live, preferences, now, cancellationToken));
        }

        due.AddRange(await SyncFailingAlertsAsync(userId, live, now, cancellationToken));
        if (due.Count == 0)
        {
            return 0;
        }

        // Most occurrences were alerted by an earlier evaluation: skip those without a doomed insert; the unique
        // key still settles races with evaluations running elsewhere.
        var existing = await log.ExistingAsync(userId, [.. due.Select(a => a.OccurrenceKey)], cancellationToken);
        var fresh = due.Where(a => !existing.Contains(a.OccurrenceKey)).ToList();
        var channels = fresh.Count == 0 ? [] : await outbox.EnabledChannelsAsync(userId, cancellationToken);
        var created = 0;
        foreach (var alert in fresh)
        {
            // The deliveries go in with the alert (the outbox): a raised alert always has them, a refused one none.
            var deliveries = Notifications.NotificationOutbox.DeliveriesFor(alert, channels, now);
            if (await log.TryAddAsync(alert, deliveries, cancellationToken))
            {
                outbox.Enqueue(deliveries);
                created++;
            }
        }

        return created;
    }

    /// <summary>Every threshold the current period's spend has reached (a jump past several raises each); never a past period.</summary>
    private async Task<IEnumerable<Alert>> BudgetAlertsAsync(string userId, DateTime now, CancellationToken cancellationToken)
    {
        var list = await budgets.ListAsync(new BudgetsForUserSpec(userId), cancellationToken);
        var spends = await spending.ReadAsync(userId, list, cancellationToken);
        return spends.SelectMany(spend => spend.Budget.ThresholdsReachedBy(spend.Spent).Select(threshold => Alert.BudgetThreshold(
            userId, spend.Budget.Id, spend.Budget.AgentId, threshold, spend.Period.Start, spend.Spent, spend.Budget.AmountAt(threshold),
            string.Create(CultureInfo.InvariantCulture,
                $"Budget \"{spend.Budget.Name}\" reached {threshold} %: {spend.Spent:0.00} USD of {spend.Budget.Amount:0.00} USD this {PeriodNames.Name(spend.Budget.Period)} (from {spend.Period.Start:yyyy-MM-dd})."),
            now)));
    }

    /// <summary>Today and yesterday in the user's zone, each against the mean of the days before it.</summary>
    private async Task<IEnumerable<Alert>> AnomalyAlertsAsync(
        string userId, IReadOnlyList<VapiAgent> live, AlertSettings preferences, DateTime now, CancellationToken cancellationToken)
    {
        ZonedCalendar.TryFindZone(preferences.Timezone, out var zone);
        var today = ZonedCalendar.DayOf(now, zone);
        var baseline = preferences.AnomalyBaselineDays;
        var first = await history.FirstCallsAsync([.. live.Select(a => a.Id)], cancellationToken);
        var found = new List<Alert>();
        foreach (var agent in live)
        {
            if (!first.TryGetValue(agent.Id, out var firstCall))
            {
                continue;
            }

            var firstDay = ZonedCalendar.DayOf(firstCall, zone);
            var range = new DayRange(today.AddDays(-1 - baseline), today, zone);
            var daily = (await usage.ReadAsync(userId, [agent.Id], range, cancellationToken)).Daily
                .ToDictionary(d => d.Date, d => d.Usage);
            foreach (var day in new[] { today.AddDays(-1), today })
            {
                if (day.DayNumber - firstDay.DayNumber < AlertSettings.MinimumHistoryDays)
                {
                    continue;
                }

                var observed = daily.GetValueOrDefault(day);
                var before = Enumerable.Range(1, baseline).Select(i => daily.GetValueOrDefault(day.AddDays(-i))).ToList();
                var cost = Money.FromUnits(observed.Cost);
                if (cost <= preferences.AnomalyMinimumCost)
                {
                    continue;
                }

                var costBound = Math.Round(preferences.AnomalyFactor * Money.FromUnits(before.Sum(b => b.Cost)) / baseline, 4);
                if (cost > costBound)
                {
                    found.Add(Alert.Anomaly(userId, AlertKind.AnomalyCost, agent.Id, day, cost, costBound, string.Create(CultureInfo.InvariantCulture,
                        $"{agent.Name} cost {cost:0.00} USD on {day:yyyy-MM-dd}, more than {preferences.AnomalyFactor:0.##}× its mean of the {baseline} days before ({costBound:0.00} USD)."), now));
                }

                var callBound = Math.Round(preferences.AnomalyFactor * before.Sum(b => b.Calls) / (decimal)baseline, 4);
                if (observed.Calls > callBound)
                {
                    found.Add(Alert.Anomaly(userId, AlertKind.AnomalyCalls, agent.Id, day, observed.Calls, callBound, string.Create(CultureInfo.InvariantCulture,
                        $"{agent.Name} had {observed.Calls} calls on {day:yyyy-MM-dd}, more than {preferences.AnomalyFactor:0.##}× its mean of the {baseline} days before ({callBound:0.#} calls)."), now));
                }
            }
        }

        return found;
    }

    /// <summary>An agent whose last syncs all failed (at least <see cref="FailingStreak"/>) or that is paused: one alert per streak.</summary>
    private async Task<IEnumerable<Alert>> SyncFailingAlertsAsync(string userId, IReadOnlyList<VapiAgent> live, DateTime now, CancellationToken cancellationToken)
    {
        var found = new List<Alert>();
        foreach (var agent in live.Where(a => a.LastSyncStatus is AgentSyncStatus.Failed or AgentSyncStatus.Paused))
        {
            var recent = (await runs.ListAsync(new SyncRunsForAgentSpec(agent.Id, userId, 0, RunsLooked), cancellationToken))
                .Where(r => r.IsFinished).ToList();
            var failures = recent.TakeWhile(r => r.Status == SyncRunStatus.Failed).Count();
            if (failures == 0 || (failures < FailingStreak && !agent.IsPaused))
            {
                continue;
            }

            // The streak is named by the success that came before it, so a new streak after a success alerts again.
            var streak = failures < recent.Count ? recent[failures].Id.ToString("N") : "never";
            var why = agent.IsPaused ? "its scheduled syncs are paused because Vapi rejected its key" : $"its last {failures} syncs failed";
            found.Add(Alert.SyncFailing(userId, agent.Id, streak, failures,
                $"{agent.Name}: {why}. Last error: {agent.LastSyncError ?? "unknown"}", now));
        }

        return found;
    }
}
