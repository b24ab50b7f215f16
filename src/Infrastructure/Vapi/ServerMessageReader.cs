using System.Globalization;
using System.Text.Json;
using VapiAgents.Application.Webhooks;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Infrastructure.Vapi;

/// <summary>
/// Reads a Vapi server message. An end-of-call report carries the call, and beside it the call's final
/// figures (cost, costs, endedReason, times, analysis); where both are present, the report's win. A report means
/// the call ended, and the call counts as observed no earlier than it ended or the report was sent — so a report is
/// never shadowed by an in-progress poll.
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
        if (facts is not null)
        {
            // Vapi sends the report when the call has ended, but embeds the call object as it was captured
            // (real reports carry "queued" or "ringing"), and some reports carry no endedAt: the call is ended, and
            // observed no earlier than it ended or than the report was sent, so no earlier poll shadows it.
            facts = facts with { Status = EndedStatus, UpdatedAt = Latest(facts.UpdatedAt, facts.EndedAt, SentAt(message)) };
        }

        return new ServerMessage(type, callId, facts);
    }

    private const string EndedStatus = "ended";

    private static DateTime Latest(DateTime updated, DateTime? ended, DateTime? sent)
    {
        var latest = ended is { } end && end > updated ? end : updated;
        return sent is { } at && at > latest ? at : latest;
    }

    /// <summary>The message's <c>timestamp</c>: epoch milliseconds (Vapi's spec), or an ISO 8601 string (older reports).</summary>
    private static DateTime? SentAt(JsonElement message)
    {
        if (!message.TryGetProperty("timestamp", out var timestamp))
        {
            return null;
        }

        if (timestamp.ValueKind == JsonValueKind.Number && timestamp.TryGetInt64(out var milliseconds)
            && milliseconds is > 0 and < 253_402_300_799_999)
        {
            return DateTime.UnixEpoch.AddMilliseconds(milliseconds);
        }

        if (timestamp.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(timestamp.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            var utc = parsed.UtcDateTime;
            return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        }

        return null;
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
