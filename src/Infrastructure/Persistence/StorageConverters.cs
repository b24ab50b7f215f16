using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Infrastructure.Persistence;

/// <summary>Call times as Unix milliseconds: Vapi's precision, compact, fast to range-scan, the same on every provider.</summary>
internal sealed class UnixMillisecondsConverter() : ValueConverter<DateTime, long>(
    value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
    value => DateTimeOffset.FromUnixTimeMilliseconds(value).UtcDateTime);

internal sealed class NullableUnixMillisecondsConverter() : ValueConverter<DateTime?, long?>(
    value => value == null ? null : new DateTimeOffset(DateTime.SpecifyKind(value.Value, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
    value => value == null ? null : DateTimeOffset.FromUnixTimeMilliseconds(value.Value).UtcDateTime);

/// <summary>Money as whole units of 1e-10 USD (<see cref="Money"/>): exact integer sums on every provider.</summary>
internal sealed class MoneyUnitsConverter() : ValueConverter<decimal, long>(
    value => Money.ToUnits(value),
    value => Money.FromUnits(value));
