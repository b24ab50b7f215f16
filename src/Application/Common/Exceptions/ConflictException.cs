namespace VapiAgents.Application.Common.Exceptions;

/// <summary>The request clashes with the current state (a duplicate name, a sync already running).</summary>
public sealed class ConflictException(string message, string? field = null) : Exception(message)
{
    /// <summary>The camelCase field the clash is about, when there is one.</summary>
    public string? Field { get; } = field;
}
