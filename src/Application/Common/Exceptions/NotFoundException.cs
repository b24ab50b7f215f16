namespace VapiAgents.Application.Common.Exceptions;

/// <summary>
/// The resource does not exist <em>for this caller</em>: unknown, deleted and other users' ids
/// all raise this one exception so their answers cannot be told apart.
/// </summary>
/// <param name="field">The camelCase field that named the id, when it came in a body or query (e.g. <c>clientId</c>).</param>
public sealed class NotFoundException(string resource, string? field = null) : Exception($"{resource} was not found.")
{
    public string Resource { get; } = resource;

    public string? Field { get; } = field;
}
