using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Common.Vapi;

namespace VapiAgents.Application.Agents;

/// <summary>
/// Asks Vapi whether a key (and an assistant id) are good: the one check behind <c>/verify</c> and activation.
/// A refused key or an unknown assistant is an answer; Vapi unreachable throws <see cref="VapiUnavailableException"/>.
/// </summary>
public sealed class AgentKeyVerifier(IVapiClient vapi)
{
    public const string KeyRejected = "Vapi rejected this API key.";
    public const string AssistantNotFound = "assistant not found";

    public async Task<AgentKeyCheck> CheckAsync(SecretValue apiKey, string? assistantId, CancellationToken cancellationToken)
    {
        try
        {
            if (assistantId is not null)
            {
                var assistant = await vapi.GetAssistantAsync(apiKey, assistantId, cancellationToken);
                return assistant is null
                    ? new AgentKeyCheck(false, null, null, AssistantNotFound)
                    : new AgentKeyCheck(true, assistant.OrgId, assistant.Name, null);
            }

            var first = (await vapi.ListAssistantsAsync(apiKey, limit: 1, cancellationToken)).FirstOrDefault();
            return new AgentKeyCheck(true, first?.OrgId, null, null);
        }
        catch (VapiKeyRejectedException)
        {
            return new AgentKeyCheck(false, null, null, KeyRejected);
        }
    }
}

/// <param name="Error">Why the key or assistant is not valid, in plain words.</param>
public sealed record AgentKeyCheck(bool Valid, string? OrgId, string? AssistantName, string? Error);
