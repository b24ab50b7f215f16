namespace VapiAgents.Application.Common.Exceptions;

/// <summary>Activation refused: Vapi rejected the agent's key or does not know its assistant (answered 422 with the reason).</summary>
public sealed class AgentNotVerifiedException(string reason) : Exception($"The agent was not activated: {reason}")
{
    public string Reason { get; } = reason;
}
