using System.Text.Json;
using VapiAgents.Application.Webhooks;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Infrastructure.Vapi;

/// <summary>
/// Reads a Vapi server message. An end-of-call report carries the call, and beside it the call's final
/// figures (cost, costs, endedReason, times, analysis); where both are present, the report's win, and the call
/// counts as observed no earlier than it ended — so a report is never shadowed by an in-progress poll.
/// </summary>
public sealed class ServerMessageReader : IServerMessageReader
{
    private static readonly string[] ReportFields = ["cost", "costs", "costBreakdown", "endedReason", "startedAt", "endedAt", "analysis"];

    public ServerMessage Read(ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The body is not a Vapi server message.");
        }

        var type = message.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (!message.TryGetProperty("call", out var call) || call.ValueKind != JsonValueKind.Object)
        {
            return new ServerMessage(type, null, null);
        }

        var callId = call.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        if (type != ServerMessage.EndOfCallReport)
        {
            return new ServerMessage(type, callId, null);
        }

        var facts = ParseCall(Merge(call, message));
        if (facts is not null && facts.EndedAt is { } ended && ended > facts.UpdatedAt)
        {
            facts = facts with { UpdatedAt = ended };
        }

        return new ServerMessage(type, callId, facts);
    }

    /// <summary>The call object with the report's own final figures laid over it.</summary>
    private static byte[] Merge(JsonElement call, JsonElement message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in call.EnumerateObject().Where(p => !(ReportFields.Contains(p.Name) && message.TryGetProperty(p.Name, out _))))
            {
                property.WriteTo(writer);
            }

            foreach (var field in ReportFields)
            {
                if (message.TryGetProperty(field, out var value))
                {
                    writer.WritePropertyName(field);
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static CallFacts? ParseCall(byte[] json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        reader.Read();
        return new VapiCallJsonConverter().Read(ref reader, typeof(ParsedCall), VapiCallJsonConverter.Options).Facts;
    }
}
