namespace VapiAgents.Application.Common.Exceptions;

/// <summary>A per-user limit was reached; the caller may try again after <see cref="RetryAfter"/>.</summary>
public sealed class TooManyRequestsException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
