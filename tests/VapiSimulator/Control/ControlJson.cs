using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using VapiAgents.VapiSimulator.Data;

namespace VapiAgents.VapiSimulator.Control;

/// <summary>
/// JSON of the /__sim control API: camelCase, enums as camelCase strings, instants in Vapi's
/// own format, and unknown properties rejected so that a typo in a test spec fails loudly.
/// </summary>
internal static class ControlJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new IsoInstantConverter() },
    };

    private sealed class IsoInstantConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            IsoTime.TryParse(reader.GetString(), out var instant)
                ? IsoTime.FromUnixMs(instant)
                : throw new JsonException("Expected an ISO 8601 instant.");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(IsoTime.Format(IsoTime.ToUnixMs(value)));
    }
}
