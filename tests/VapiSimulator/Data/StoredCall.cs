using System.Text.Json;

namespace VapiAgents.VapiSimulator.Data;

/// <summary>
/// One call as the simulator keeps it: the exact UTF-8 JSON Vapi would send (serialised once,
/// so pages are written by copying bytes) plus the few fields the filters and the truth need.
/// </summary>
internal sealed class StoredCall
{
    private StoredCall(string id, long createdAt, long updatedAt, byte[] json, CallFacts facts)
    {
        Id = id;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
        Json = json;
        Facts = facts;
    }

    public string Id { get; }
    public string? AssistantId { get; private init; }
    public string? PhoneNumberId { get; private init; }
    public long CreatedAt { get; }
    public long UpdatedAt { get; }
    public byte[] Json { get; }
    public CallFacts Facts { get; }

    /// <exception cref="FormatException">The JSON lacks Vapi's required id, createdAt or updatedAt.</exception>
    public static StoredCall FromJson(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var call = document.RootElement;
        if (call.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("A call must be a JSON object.");
        }

        var id = CallFacts.Text(call, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new FormatException("A call needs a string \"id\".");
        }

        return new StoredCall(id, RequiredTime(call, "createdAt"), RequiredTime(call, "updatedAt"), json, CallFacts.Read(call))
        {
            AssistantId = CallFacts.Text(call, "assistantId"),
            PhoneNumberId = CallFacts.Text(call, "phoneNumberId"),
        };
    }

    private static long RequiredTime(JsonElement call, string name) =>
        IsoTime.TryParse(CallFacts.Text(call, name), out var unixMs)
            ? unixMs
            : throw new FormatException($"A call needs \"{name}\" as an ISO 8601 string.");

    /// <summary>Oldest createdAt first; equal instants in id order so that a set is laid out reproducibly.</summary>
    public static int CompareByCreated(StoredCall? x, StoredCall? y)
    {
        var byTime = x!.CreatedAt.CompareTo(y!.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(x.Id, y.Id);
    }
}
