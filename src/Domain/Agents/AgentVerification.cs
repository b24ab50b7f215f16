namespace VapiAgents.Domain.Agents;

/// <summary>The outcome of the last check of an agent's key (and assistant id) with Vapi.</summary>
public enum AgentVerification
{
    Valid = 1,
    Invalid = 2,
}
