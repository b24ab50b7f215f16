using VapiAgents.Domain.Common;

namespace VapiAgents.Domain.Budgets;

/// <summary>
/// A spending limit per period on one agent, on one client's agents or on all of a user's agents, with the
/// percentages at which the user wants to hear about it. The scope is "one agent" (<see cref="AgentId"/>),
/// "one client" (<see cref="ClientId"/>) or "everything" (both null); never both.
/// </summary>
public sealed class Budget : IAggregateRoot
{
    public const int NameMaxLength = 100;
    public const int MinThreshold = 1;
    public const int MaxThreshold = 1000;
    public const int MaxThresholds = 10;
    public static readonly IReadOnlyList<int> DefaultThresholds = [50, 80, 100];

    private Budget()
    {
        UserId = "";
        Name = "";
        Timezone = "UTC";
        ThresholdList = "";
    }

    public Guid Id { get; private set; }

    public string UserId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Our agent the budget watches; null: all of the user's agents (active, inactive and deleted).</summary>
    public Guid? AgentId { get; private set; }

    /// <summary>Our client whose agents (by their current assignment) the budget watches; null: not a client budget.</summary>
    public Guid? ClientId { get; private set; }

    public BudgetPeriod Period { get; private set; }

    /// <summary>IANA zone whose local days, weeks and months the periods follow.</summary>
    public string Timezone { get; private set; }

    /// <summary>USD per period.</summary>
    public decimal Amount { get; private set; }

    /// <summary>Stored as "50,80,100": a handful of small numbers read and written with the budget.</summary>
    public string ThresholdList { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<int> Thresholds =>
        [.. ThresholdList.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];

    public static Budget Create(
        Guid id, string userId, string name, Guid? agentId, BudgetPeriod period, string timezone, decimal amount, IEnumerable<int>? thresholds, DateTime now,
        Guid? clientId = null)
    {
        EnsureOneScope(agentId, clientId);
        var budget = new Budget { Id = id, UserId = userId, AgentId = agentId, ClientId = clientId, CreatedAt = now };
        budget.Change(name, period, timezone, amount, thresholds ?? DefaultThresholds, now);
        return budget;
    }

    public void Change(string name, BudgetPeriod period, string timezone, decimal amount, IEnumerable<int> thresholds, DateTime now)
    {
        if (amount <= 0)
        {
            throw new DomainRuleException("A budget's amount must be more than zero.");
        }

        var sorted = thresholds.Distinct().Order().ToList();
        if (sorted.Count == 0 || sorted.Any(t => t is < MinThreshold or > MaxThreshold))
        {
            throw new DomainRuleException($"Thresholds are percentages from {MinThreshold} to {MaxThreshold}.");
        }

        Name = name.Trim();
        Period = period;
        Timezone = timezone;
        Amount = amount;
        ThresholdList = string.Join(',', sorted);
        UpdatedAt = now;
    }

    /// <summary>Watches one agent, one client's agents, or (both null) all of the user's agents.</summary>
    public void Rescope(Guid? agentId, Guid? clientId, DateTime now)
    {
        EnsureOneScope(agentId, clientId);
        AgentId = agentId;
        ClientId = clientId;
        UpdatedAt = now;
    }

    private static void EnsureOneScope(Guid? agentId, Guid? clientId)
    {
        if (agentId is not null && clientId is not null)
        {
            throw new DomainRuleException("A budget watches one agent or one client, not both.");
        }
    }

    /// <summary>The amount spent at <paramref name="threshold"/> percent.</summary>
    public decimal AmountAt(int threshold) => Amount * threshold / 100m;

    /// <summary>The thresholds reached by <paramref name="spent"/>, lowest first.</summary>
    public IEnumerable<int> ThresholdsReachedBy(decimal spent) => Thresholds.Where(t => spent >= AmountAt(t));

    public BudgetStatus StatusFor(decimal spent) =>
        spent >= Amount ? BudgetStatus.Exceeded
        : Thresholds.Any(t => t < 100 && spent >= AmountAt(t)) ? BudgetStatus.Warning
        : BudgetStatus.Ok;
}

/// <summary>ok: below every threshold under 100 %; warning: one of them reached; exceeded: 100 % or more spent.</summary>
public enum BudgetStatus
{
    Ok,
    Warning,
    Exceeded,
}
