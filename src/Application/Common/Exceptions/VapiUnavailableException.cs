namespace VapiAgents.Application.Common.Exceptions;

/// <summary>Vapi could not be reached or kept failing after retries (answered as 502).</summary>
public class VapiUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
