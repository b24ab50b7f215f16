namespace VapiAgents.Application.Common.Exceptions;

/// <summary>The caller is signed in but lacks the role the operation needs.</summary>
public sealed class ForbiddenAccessException(string message = "You are not allowed to do this.") : Exception(message);
