using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace VapiAgents.Infrastructure.Persistence;

/// <summary>Call times as Unix milliseconds: Vapi's precision, compact, fast to range-scan, the same on every provider.</summary>
internal sealed class UnixMillisecondsConverter() : ValueConverter<DateTime, long>(
    value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
    value => DateTimeOffset.FromUnixTimeMilliseconds(value).UtcDateTime);
