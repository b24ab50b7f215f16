using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Webhooks;

/// <summary>A Vapi server message: its type and, for an end-of-call report, the call as it ended.</summary>
public sealed record ServerMessage(string? Type, string? CallId, CallFacts? Call)
{
    public const string EndOfCallReport = "end-of-call-report";
}

/// <summary>Reads <c>{ "message": { "type": …, "call": Call, … } }</c>.</summary>
public interface IServerMessageReader
{
    /// <exception cref="System.Text.Json.JsonException">Not JSON, or not a server message.</exception>
    ServerMessage Read(ReadOnlySpan<byte> body);
}

/// <summary>Builds the URL Vapi should post an agent's messages to.</summary>
public interface IWebhookUrls
{
    string For(Guid agentId);
}
