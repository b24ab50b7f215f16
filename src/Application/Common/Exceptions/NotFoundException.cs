namespace VapiAgents.Application.Common.Exceptions;

/// <summary>
/// The resource does not exist <em>for this caller</em>: unknown, deleted and other users' ids
/// all raise this one exception so their answers cannot be told apart.
/// </summary>
public sealed class NotFoundException(string resource) : Exception($"{resource} was not found.")
{
    public string Resource { get; } = resource;
}
