using FluentValidation;
using Mediator;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Audit;
using VapiAgents.Application.Clients;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Time;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Agents.Specifications;
using VapiAgents.Domain.Audit;
using VapiAgents.Domain.Clients;
using VapiAgents.Domain.Pricing;
using VapiAgents.Domain.Pricing.Specifications;

namespace VapiAgents.Application.Pricing.Commands.SetPrice;

/// <summary>What a price is set for: one agent or one client (its agents without a price of their own).</summary>
public enum PriceOwner
{
    Agent,
    Client,
}

/// <summary>
/// Sets the price of an agent or a client from a UTC day on (a price for the same day replaces it); the calls
/// stored since that day are repriced before the answer.
/// </summary>
public sealed record SetPriceCommand(
    PriceOwner Owner, Guid Id, decimal? RatePerMinute, int? BillingIncrementSeconds, int? MinimumBillableSeconds, string? EffectiveFrom)
    : ICommand<PriceResponse>;

public sealed class SetPriceCommandValidator : AbstractValidator<SetPriceCommand>
{
    public SetPriceCommandValidator()
    {
        RuleFor(c => c.RatePerMinute).NotNull().WithMessage("ratePerMinute is required.")
            .Must(r => r is >= 0 and <= ResalePrice.MaxRatePerMinute && decimal.Round(r.Value, ResalePrice.RateMaxDecimals) == r.Value)
            .When(c => c.RatePerMinute is not null)
            .WithMessage($"ratePerMinute must be 0 to {ResalePrice.MaxRatePerMinute} USD with at most {ResalePrice.RateMaxDecimals} decimals.");
        RuleFor(c => c.BillingIncrementSeconds).InclusiveBetween(1, ResalePrice.MaxSeconds)
            .WithMessage($"billingIncrementSeconds must be 1 to {ResalePrice.MaxSeconds}.");
        RuleFor(c => c.MinimumBillableSeconds).InclusiveBetween(0, ResalePrice.MaxSeconds)
            .WithMessage($"minimumBillableSeconds must be 0 to {ResalePrice.MaxSeconds}.");
        RuleFor(c => c.EffectiveFrom).Must(d => d is null || ZonedCalendar.TryParseDate(d, out _))
            .WithMessage("effectiveFrom must be a date (YYYY-MM-DD) between 2000 and 2100.");
    }
}

public sealed class SetPriceCommandHandler(
    IRepository<ResalePrice> prices,
    IReadRepository<VapiAgent> agents,
    IReadRepository<Client> clients,
    IRevenueRepricer repricer,
    ICurrentUser currentUser,
    IAuditTrail audit,
    TimeProvider clock) : ICommandHandler<SetPriceCommand, PriceResponse>
{
    public async ValueTask<PriceResponse> Handle(SetPriceCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var now = clock.GetUtcNow().UtcDateTime;
        var from = ZonedCalendar.TryParseDate(command.EffectiveFrom, out var day) && command.EffectiveFrom is not null ? day : DateOnly.FromDateTime(now);
        var (rate, increment, minimum) = (command.RatePerMinute!.Value, command.BillingIncrementSeconds ?? ResalePrice.DefaultIncrementSeconds,
            command.MinimumBillableSeconds ?? 0);

        Guid? agentId = null, clientId = null;
        List<Guid> affected;
        if (command.Owner == PriceOwner.Agent)
        {
            agentId = (await agents.GetOwnedAsync(command.Id, userId, cancellationToken)).Id;
            affected = [agentId.Value];
        }
        else
        {
            clientId = (await clients.GetOwnedAsync(command.Id, userId, cancellationToken)).Id;
            affected = (await agents.ListAsync(new AgentsOfClientSpec(clientId.Value), cancellationToken)).Select(a => a.Id).ToList();
        }

        var history = await prices.ListAsync(new PriceHistorySpec(userId, agentId, clientId), cancellationToken);
        var price = history.FirstOrDefault(p => p.EffectiveFrom == from);
        if (price is null)
        {
            price = agentId is { } a
                ? ResalePrice.ForAgent(Guid.CreateVersion7(), userId, a, rate, increment, minimum, from, now)
                : ResalePrice.ForClient(Guid.CreateVersion7(), userId, clientId!.Value, rate, increment, minimum, from, now);
            await prices.AddAsync(price, cancellationToken);
        }
        else
        {
            price.Replace(rate, increment, minimum, now);
            await prices.SaveChangesAsync(cancellationToken);
        }

        audit.Record(currentUser, clock, AuditActions.PriceSet, userId, agentId,
            $"{command.Owner.ToString().ToLowerInvariant()} {command.Id}: {rate} USD/min, {increment} s increment, {minimum} s minimum, from {PriceDto.From(price).EffectiveFrom}");
        await prices.SaveChangesAsync(cancellationToken);

        // Calls stored since the price's day take it now; a price from today on usually changes none.
        var repriced = affected.Count == 0 ? 0 : await repricer.RepriceAsync(userId, affected, from, cancellationToken);
        return new PriceResponse(PriceDto.From(price), repriced);
    }
}
