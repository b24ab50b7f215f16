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
}

public sealed record VapiAssistant(string Id, string OrgId, string? Name);
