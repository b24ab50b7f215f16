using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Infrastructure.Vapi;

/// <summary>
/// Reads a Vapi call leniently and only for what VapiAgents keeps: every other field (transcripts, messages,
/// recordings, customer numbers, fields Vapi adds later) is skipped unread. Optional fields may be missing;
/// numbers may come as strings; <c>successEvaluation</c> may be a string, a boolean or a number; the cost
/// breakdown comes from <c>costBreakdown</c>, else from the <c>costs[]</c> items. A call without id, orgId,
/// createdAt or updatedAt cannot be stored and is reported as malformed instead of failing the page.
/// </summary>
internal sealed class VapiCallJsonConverter : JsonConverter<ParsedCall>
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new VapiCallJsonConverter() },
        DefaultBufferSize = 64 * 1024,
        MaxDepth = 64,
    };

    public override ParsedCall Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            SkipValue(ref reader);
            return default;
        }

        var call = new CallFields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("id"u8)) call.Id = Text(ref reader);
            else if (name.SequenceEqual("orgId"u8)) call.OrgId = Text(ref reader);
            else if (name.SequenceEqual("assistantId"u8)) call.AssistantId = Text(ref reader);
            else if (name.SequenceEqual("type"u8)) call.Type = Text(ref reader);
            else if (name.SequenceEqual("status"u8)) call.Status = Text(ref reader);
            else if (name.SequenceEqual("endedReason"u8)) call.EndedReason = Text(ref reader);
            else if (name.SequenceEqual("createdAt"u8)) call.CreatedAt = Instant(ref reader);
            else if (name.SequenceEqual("updatedAt"u8)) call.UpdatedAt = Instant(ref reader);
            else if (name.SequenceEqual("startedAt"u8)) call.StartedAt = Instant(ref reader);
            else if (name.SequenceEqual("endedAt"u8)) call.EndedAt = Instant(ref reader);
            else if (name.SequenceEqual("cost"u8)) call.Cost = Number(ref reader);
            else if (name.SequenceEqual("costBreakdown"u8)) ReadBreakdown(ref reader, call);
            else if (name.SequenceEqual("costs"u8)) ReadCosts(ref reader, call);
            else if (name.SequenceEqual("analysis"u8)) ReadAnalysis(ref reader, call);
            else SkipValue(ref reader);
        }

        return new ParsedCall(call.ToFacts());
    }

    public override void Write(Utf8JsonWriter writer, ParsedCall value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Vapi calls are only read.");

    private static void ReadBreakdown(ref Utf8JsonReader reader, CallFields call)
    {
        if (!IsObject(ref reader))
        {
            return;
        }

        call.HasBreakdown = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("transport"u8)) call.Transport = Number(ref reader) ?? 0;
            else if (name.SequenceEqual("stt"u8)) call.Stt = Number(ref reader) ?? 0;
            else if (name.SequenceEqual("llm"u8)) call.Llm = Number(ref reader) ?? 0;
            else if (name.SequenceEqual("tts"u8)) call.Tts = Number(ref reader) ?? 0;
            else if (name.SequenceEqual("vapi"u8)) call.Vapi = Number(ref reader) ?? 0;
            else if (name.SequenceEqual("llmPromptTokens"u8)) call.LlmPromptTokens = Count(ref reader);
            else if (name.SequenceEqual("llmCompletionTokens"u8)) call.LlmCompletionTokens = Count(ref reader);
            else if (name.SequenceEqual("ttsCharacters"u8)) call.TtsCharacters = Count(ref reader);
            else if (name.SequenceEqual("analysisCostBreakdown"u8)) call.Analysis = ReadAnalysisCost(ref reader);
            else SkipValue(ref reader);
        }
    }

    /// <summary>The analysis cost is its four steps; their token counts sit beside them and are not money.</summary>
    private static decimal ReadAnalysisCost(ref Utf8JsonReader reader)
    {
        if (!IsObject(ref reader))
        {
            return 0;
        }

        decimal total = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("summary"u8) || name.SequenceEqual("structuredData"u8)
                || name.SequenceEqual("successEvaluation"u8) || name.SequenceEqual("structuredOutput"u8))
            {
                total += Number(ref reader) ?? 0;
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return total;
    }

    /// <summary>The itemised <c>costs[]</c>, used when <c>costBreakdown</c> is missing.</summary>
    private static void ReadCosts(ref Utf8JsonReader reader, CallFields call)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            SkipValue(ref reader);
            return;
        }

        var items = new CallFields();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                SkipValue(ref reader);
                continue;
            }

            string? type = null;
            decimal cost = 0;
            long promptTokens = 0, completionTokens = 0, characters = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("type"u8)) type = Text(ref reader);
                else if (name.SequenceEqual("cost"u8)) cost = Number(ref reader) ?? 0;
                else if (name.SequenceEqual("promptTokens"u8)) promptTokens = Count(ref reader);
                else if (name.SequenceEqual("completionTokens"u8)) completionTokens = Count(ref reader);
                else if (name.SequenceEqual("characters"u8)) characters = Count(ref reader);
                else SkipValue(ref reader);
            }

            switch (type)
            {
                case "transport": items.Transport += cost; break;
                case "transcriber": items.Stt += cost; break;
                case "model": items.Llm += cost; items.LlmPromptTokens += promptTokens; items.LlmCompletionTokens += completionTokens; break;
                case "voice": items.Tts += cost; items.TtsCharacters += characters; break;
                case "vapi": items.Vapi += cost; break;
                case "analysis": items.Analysis += cost; break;
            }
        }

        call.CostItems = items;
    }

    private static void ReadAnalysis(ref Utf8JsonReader reader, CallFields call)
    {
        if (!IsObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSuccess = reader.ValueSpan.SequenceEqual("successEvaluation"u8);
            reader.Read();
            if (!isSuccess)
            {
                SkipValue(ref reader);
                continue;
            }

            (call.SuccessEvaluation, call.SuccessOutcome) = reader.TokenType switch
            {
                JsonTokenType.True => ("true", SuccessOutcome.Passed),
                JsonTokenType.False => ("false", SuccessOutcome.Failed),
                JsonTokenType.String => (reader.GetString(), SuccessEvaluationClassifier.FromText(reader.GetString())),
                JsonTokenType.Number => (Encoding.UTF8.GetString(reader.ValueSpan),
                    reader.TryGetDecimal(out var score) ? SuccessEvaluationClassifier.FromNumber(score) : SuccessOutcome.Unknown),
                JsonTokenType.Null => (null, SuccessOutcome.Unknown),
                _ => (RawText(ref reader), SuccessOutcome.Unknown),
            };
        }
    }

    // The serializer hands a converter the whole element, but on a reader that is not the final block,
    // where only TrySkip may be used.
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("A call was cut off.");
        }
    }

    private static bool IsObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        SkipValue(ref reader);
        return false;
    }

    private static string? Text(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        SkipValue(ref reader);
        return null;
    }

    private static DateTime? Instant(ref Utf8JsonReader reader)
    {
        var text = Text(ref reader);
        if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return null;
        }

        var utc = parsed.UtcDateTime;
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    private static decimal? Number(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetDecimal(out var value))
                {
                    return value;
                }

                // Beyond decimal's range only in exponent form: read as a double, then round to money's scale.
                return reader.TryGetDouble(out var asDouble) && Math.Abs(asDouble) < 1e12 ? (decimal)asDouble : null;
            case JsonTokenType.String:
                return decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            default:
                SkipValue(ref reader);
                return null;
        }
    }

    private static long Count(ref Utf8JsonReader reader)
    {
        var number = Number(ref reader);
        return number is >= 0 and <= long.MaxValue ? (long)decimal.Truncate(number.Value) : 0;
    }

    private static string RawText(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    /// <summary>The fields of one call as they are read, before they are checked and turned into facts.</summary>
    private sealed class CallFields
    {
        public string? Id, OrgId, AssistantId, Type, Status, EndedReason, SuccessEvaluation;
        public DateTime? CreatedAt, UpdatedAt, StartedAt, EndedAt;
        public decimal? Cost;
        public decimal Transport, Stt, Llm, Tts, Vapi, Analysis;
        public long LlmPromptTokens, LlmCompletionTokens, TtsCharacters;
        public bool HasBreakdown;
        public CallFields? CostItems;
        public SuccessOutcome SuccessOutcome;

        public CallFacts? ToFacts()
        {
            if (string.IsNullOrEmpty(Id) || Id.Length > CallFacts.IdMaxLength || string.IsNullOrEmpty(OrgId)
                || CreatedAt is not { } created || UpdatedAt is not { } updated)
            {
                return null;
            }

            var parts = HasBreakdown || CostItems is null ? this : CostItems;
            return CallFacts.Create(
                Id, OrgId, created, updated, AssistantId, Type, Status, EndedReason, StartedAt, EndedAt,
                Cost ?? 0, new CostParts(parts.Transport, parts.Stt, parts.Llm, parts.Tts, parts.Vapi, parts.Analysis),
                parts.LlmPromptTokens, parts.LlmCompletionTokens, parts.TtsCharacters, SuccessEvaluation, SuccessOutcome);
        }
    }
}
