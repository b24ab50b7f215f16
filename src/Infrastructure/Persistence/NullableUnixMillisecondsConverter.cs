using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace VapiAgents.Infrastructure.Persistence;

internal sealed class NullableUnixMillisecondsConverter() : ValueConverter<DateTime?, long?>(
    value => value == null ? null : new DateTimeOffset(DateTime.SpecifyKind(value.Value, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
    value => value == null ? null : DateTimeOffset.FromUnixTimeMilliseconds(value.Value).UtcDateTime);
