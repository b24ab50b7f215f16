namespace VapiAgents.Application.Common.Exceptions;

/// <summary>A webhook without a valid proof (answered 401, without saying which part failed).</summary>
public sealed class WebhookUnauthorizedException() : Exception("The webhook could not be authenticated.");
