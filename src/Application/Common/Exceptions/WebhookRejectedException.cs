namespace VapiAgents.Application.Common.Exceptions;

/// <summary>A webhook about a call of another organisation or assistant than the agent's (answered 422).</summary>
public sealed class WebhookRejectedException(string message) : Exception(message);
