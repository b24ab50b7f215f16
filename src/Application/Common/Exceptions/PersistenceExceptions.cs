namespace VapiAgents.Application.Common.Exceptions;

/// <summary>A unique index refused a row (e.g. two agents named alike created at the same moment).</summary>
public sealed class UniqueConstraintException(string message, Exception inner) : Exception(message, inner);

/// <summary>The row changed since it was read; the caller may read it again and retry (answered as 409).</summary>
public sealed class ConcurrencyConflictException(Exception inner)
    : Exception("This item was changed by another request; read it again and retry.", inner);
