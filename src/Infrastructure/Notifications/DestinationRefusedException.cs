namespace VapiAgents.Infrastructure.Notifications;

/// <summary>The send-time guard refused every address of the receiver's host; the message names the host and class, never the URL.</summary>
public sealed class DestinationRefusedException(string message) : Exception(message);
