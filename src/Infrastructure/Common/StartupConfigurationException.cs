namespace VapiAgents.Infrastructure.Common;

/// <summary>Configuration the process cannot start without; Program prints the message and exits.</summary>
public sealed class StartupConfigurationException(string message) : Exception(message);
