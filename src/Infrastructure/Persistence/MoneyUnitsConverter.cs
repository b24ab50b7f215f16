using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Infrastructure.Persistence;

/// <summary>Money as whole units of 1e-10 USD (<see cref="Money"/>): exact integer sums on every provider.</summary>
internal sealed class MoneyUnitsConverter() : ValueConverter<decimal, long>(
    value => Money.ToUnits(value),
    value => Money.FromUnits(value));
