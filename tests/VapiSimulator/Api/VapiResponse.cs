using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using VapiAgents.VapiSimulator.Data;

namespace VapiAgents.VapiSimulator.Api;

/// <summary>What a Vapi route answers, before faults decide how much of it the client gets.</summary>
internal sealed record VapiResponse(int StatusCode, JsonBody Body)
{
    public static VapiResponse Ok(JsonBody body) => new(StatusCodes.Status200OK, body);

    /// <summary>Vapi's 401, word for word.</summary>
    public static VapiResponse Unauthorized { get; } = Error(
        StatusCodes.Status401Unauthorized,
        "Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.");

    /// <summary>NestJS's 404 for a path no controller handles.</summary>
    public static VapiResponse UnknownRoute(string method, string path) =>
        Error(StatusCodes.Status404NotFound, $"Cannot {method} {path}");

    /// <summary>A missing resource: "Couldn't Get Call. `Call` Not Found.".</summary>
    public static VapiResponse NotFound(string resource) =>
        Error(StatusCodes.Status404NotFound, $"Couldn't Get {resource}. `{resource}` Not Found.");

    /// <summary>NestJS's ValidationPipe answer: the messages come as an array.</summary>
    public static VapiResponse BadRequest(IReadOnlyList<string> messages) =>
        Build(StatusCodes.Status400BadRequest, new JsonArray([.. messages.Select(message => JsonValue.Create(message))]));

    /// <summary>An injected failure: 429 says what Vapi's rate limiter says, others their reason phrase.</summary>
    public static VapiResponse Failure(int statusCode) => Error(statusCode, statusCode switch
    {
        StatusCodes.Status429TooManyRequests => "Rate limit exceeded",
        StatusCodes.Status500InternalServerError => "Internal server error",
        _ => ReasonPhrases.GetReasonPhrase(statusCode),
    });

    private static VapiResponse Error(int statusCode, string message) => Build(statusCode, JsonValue.Create(message));

    /// <summary>NestJS's error shape: {"message", "error", "statusCode"}.</summary>
    private static VapiResponse Build(int statusCode, JsonNode message)
    {
        var body = new JsonObject
        {
            ["message"] = message,
            ["error"] = ReasonPhrases.GetReasonPhrase(statusCode),
            ["statusCode"] = statusCode,
        };
        return new VapiResponse(statusCode, JsonBody.Single(JsonBytes.Serialize(body)));
    }
}
