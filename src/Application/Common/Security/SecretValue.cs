using System.Text.Json;
using System.Text.Json.Serialization;

namespace VapiAgents.Application.Common.Security;

/// <summary>
/// A plaintext secret (a Vapi API key, a webhook secret) held in memory only while it is needed.
/// It never prints itself: <see cref="ToString"/>, logging and JSON output are all redacted;
/// <see cref="Reveal"/> is the single way to read it, used where the secret is actually sent or compared.
/// </summary>
[JsonConverter(typeof(SecretValueJsonConverter))]
public sealed class SecretValue : IEquatable<SecretValue>
{
    public const string Redacted = "[redacted]";

    private readonly string _value;

    public SecretValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    public int Length => _value.Length;

    /// <summary>"…" and the last four characters: enough to tell keys apart, too little to use one.</summary>
    public string Hint => "…" + (_value.Length <= 4 ? _value : _value[^4..]);

    public string Reveal() => _value;

    public override string ToString() => Redacted;

    public bool Equals(SecretValue? other) =>
        other is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(_value), System.Text.Encoding.UTF8.GetBytes(other._value));

    public override bool Equals(object? obj) => obj is SecretValue other && Equals(other);

    public override int GetHashCode() => _value.Length;
}

/// <summary>Reads a JSON string into a <see cref="SecretValue"/>; writes only the redaction marker.</summary>
public sealed class SecretValueJsonConverter : JsonConverter<SecretValue>
{
    public override SecretValue? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new SecretValue(reader.GetString()!),
            JsonTokenType.Null => null,
            _ => throw new JsonException("A secret must be a JSON string."),
        };

    public override void Write(Utf8JsonWriter writer, SecretValue value, JsonSerializerOptions options) =>
        writer.WriteStringValue(SecretValue.Redacted);
}
