using VapiAgents.Domain.Common;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Domain.Pricing;

/// <summary>
/// What an agency charges its client per minute for one agent's (or one client's) calls from a UTC date on:
/// the rate, the billing increment and the minimum billed per call. A price is history: a later one takes
/// over from its own date, and the calls before it keep the price they had.
/// </summary>
public sealed class ResalePrice : IAggregateRoot
{
    public const decimal MaxRatePerMinute = 1_000m;
    public const int RateMaxDecimals = 6;
    public const int MaxSeconds = 3600;
    public const int DefaultIncrementSeconds = 60;

    private ResalePrice() => UserId = "";

    public Guid Id { get; private set; }

    public string UserId { get; private set; }

    /// <summary>Set for an agent's own price; null for a client's.</summary>
    public Guid? AgentId { get; private set; }

    /// <summary>Set for a client's price (its agents without a price of their own use it); null for an agent's.</summary>
    public Guid? ClientId { get; private set; }

    public decimal RatePerMinute { get; private set; }

    public int BillingIncrementSeconds { get; private set; }

    public int MinimumBillableSeconds { get; private set; }

    /// <summary>The first UTC day the price applies to (by the call's createdAt).</summary>
    public DateOnly EffectiveFrom { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public static ResalePrice ForAgent(Guid id, string userId, Guid agentId, decimal rate, int increment, int minimum, DateOnly from, DateTime now) =>
        Create(id, userId, agentId, null, rate, increment, minimum, from, now);

    public static ResalePrice ForClient(Guid id, string userId, Guid clientId, decimal rate, int increment, int minimum, DateOnly from, DateTime now) =>
        Create(id, userId, null, clientId, rate, increment, minimum, from, now);

    /// <summary>Replaces the terms of a price set again for the same date.</summary>
    public void Replace(decimal rate, int increment, int minimum, DateTime now)
    {
        Check(rate, increment, minimum);
        (RatePerMinute, BillingIncrementSeconds, MinimumBillableSeconds, CreatedAt) = (rate, increment, minimum, now);
    }

    /// <summary>
    /// The seconds billed for a call and their price: nothing for a call of 0 s, else its whole seconds raised to
    /// the minimum and rounded up to the increment; revenue = billable seconds / 60 × rate, exact to <see cref="Money.Scale"/> places.
    /// </summary>
    public CallCharge Bill(long durationMs) => Bill(durationMs, RatePerMinute, BillingIncrementSeconds, MinimumBillableSeconds);

    public static CallCharge Bill(long durationMs, decimal rate, int increment, int minimum)
    {
        if (durationMs <= 0)
        {
            return CallCharge.None;
        }

        var seconds = Math.Max((durationMs + 999) / 1000, minimum);
        var billable = (seconds + increment - 1) / increment * increment;
        return new CallCharge(billable, Money.Normalize(billable * rate / 60m));
    }

    private static ResalePrice Create(Guid id, string userId, Guid? agentId, Guid? clientId, decimal rate, int increment, int minimum, DateOnly from, DateTime now)
    {
        Check(rate, increment, minimum);
        return new ResalePrice
        {
            Id = id, UserId = userId, AgentId = agentId, ClientId = clientId, RatePerMinute = rate,
            BillingIncrementSeconds = increment, MinimumBillableSeconds = minimum, EffectiveFrom = from, CreatedAt = now,
        };
    }

    private static void Check(decimal rate, int increment, int minimum)
    {
        if (rate is < 0 or > MaxRatePerMinute || increment is < 1 or > MaxSeconds || minimum is < 0 or > MaxSeconds)
        {
            throw new DomainRuleException("A price needs a rate of 0 to 1000 USD a minute, an increment of 1 to 3600 s and a minimum of 0 to 3600 s.");
        }
    }
}

/// <summary>What one call is billed: seconds and revenue (USD).</summary>
public readonly record struct CallCharge(long BillableSeconds, decimal Revenue)
{
    public static readonly CallCharge None = new(0, 0m);
}
