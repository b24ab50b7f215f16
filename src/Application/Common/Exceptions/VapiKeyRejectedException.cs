namespace VapiAgents.Application.Common.Exceptions;

/// <summary>Vapi answered 401/403 for the agent's key (answered as 422). Never carries the key.</summary>
public sealed class VapiKeyRejectedException(int vapiStatus)
    : Exception("Vapi rejected this agent's API key.")
{
    public int VapiStatus { get; } = vapiStatus;
}
