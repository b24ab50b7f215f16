using VapiAgents.Application.Common.Security;

namespace VapiAgents.Application.Common.Vapi;

/// <summary>Vapi's REST API, called with one agent's key.</summary>
public interface IVapiClient
{
    /// <returns>The assistant, or null when the key's organisation has no such assistant.</returns>
    /// <exception cref="Exceptions.VapiKeyRejectedException">401/403.</exception>
    /// <exception cref="Exceptions.VapiUnavailableException">Unreachable or failing after retries.</exception>
    Task<VapiAssistant?> GetAssistantAsync(SecretValue apiKey, string assistantId, CancellationToken cancellationToken);

    Task<IReadOnlyList<VapiAssistant>> ListAssistantsAsync(SecretValue apiKey, int limit, CancellationToken cancellationToken);

    /// <summary>One page of <c>GET /call</c>, read as a stream and parsed leniently.</summary>
    /// <exception cref="Exceptions.VapiKeyRejectedException">401/403.</exception>
    /// <exception cref="Exceptions.VapiUnavailableException">Unreachable, failing after retries, or a body that could not be read.</exception>
    Task<CallPage> ListCallsAsync(SecretValue apiKey, CallListQuery query, CancellationToken cancellationToken);
}

public sealed record VapiAssistant(string Id, string OrgId, string? Name);
