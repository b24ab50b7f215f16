namespace VapiAgents.Application.Common.Exceptions;

/// <summary>A unique index refused a row (e.g. two agents named alike created at the same moment).</summary>
public sealed class UniqueConstraintException(string message, Exception inner) : Exception(message, inner);
