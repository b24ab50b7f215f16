namespace VapiAgents.Application.Common.Exceptions;

/// <summary>The row changed since it was read; the caller may read it again and retry (answered as 409).</summary>
public sealed class ConcurrencyConflictException(Exception inner)
    : Exception("This item was changed by another request; read it again and retry.", inner);
