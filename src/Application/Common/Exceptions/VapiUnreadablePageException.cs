namespace VapiAgents.Application.Common.Exceptions;

/// <summary>A page whose body was cut off, reset or not valid JSON; worth asking for again.</summary>
public sealed class VapiUnreadablePageException(Exception inner)
    : VapiUnavailableException("Vapi sent a page that could not be read to the end.", inner);
