using VapiAgents.Application.Common.Time;
using VapiAgents.Domain.Pricing;

namespace VapiAgents.Application.Pricing;

/// <summary>One price of a history: the terms and the UTC day they apply from.</summary>
public sealed record PriceDto(decimal RatePerMinute, int BillingIncrementSeconds, int MinimumBillableSeconds, string EffectiveFrom, DateTime CreatedAt)
{
    public static PriceDto From(ResalePrice price) => new(
        price.RatePerMinute, price.BillingIncrementSeconds, price.MinimumBillableSeconds,
        price.EffectiveFrom.ToString(ZonedCalendar.DateFormat, System.Globalization.CultureInfo.InvariantCulture), price.CreatedAt);
}

/// <param name="Repriced">How many stored calls the new price changed (a price dated in the past reprices them before answering).</param>
public sealed record PriceResponse(PriceDto Price, long Repriced);

public sealed record PriceHistoryResponse(IReadOnlyList<PriceDto> Prices);
