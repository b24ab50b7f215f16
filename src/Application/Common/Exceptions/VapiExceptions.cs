namespace VapiAgents.Application.Common.Exceptions;

/// <summary>Vapi answered 401/403 for the agent's key (answered as 422). Never carries the key.</summary>
public sealed class VapiKeyRejectedException(int vapiStatus)
    : Exception("Vapi rejected this agent's API key.")
{
    public int VapiStatus { get; } = vapiStatus;
}

/// <summary>Vapi could not be reached or kept failing after retries (answered as 502).</summary>
public class VapiUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A page whose body was cut off, reset or not valid JSON; worth asking for again.</summary>
public sealed class VapiUnreadablePageException(Exception inner)
    : VapiUnavailableException("Vapi sent a page that could not be read to the end.", inner);

/// <summary>A webhook without a valid proof (answered 401, without saying which part failed).</summary>
public sealed class WebhookUnauthorizedException() : Exception("The webhook could not be authenticated.");

/// <summary>A webhook about a call of another organisation or assistant than the agent's (answered 422).</summary>
public sealed class WebhookRejectedException(string message) : Exception(message);
