namespace VapiAgents.Domain.Common;

/// <summary>A request that breaks one of the domain's rules (answered as 409 Conflict).</summary>
public sealed class DomainRuleException(string message) : Exception(message);
