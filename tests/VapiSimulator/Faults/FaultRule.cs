namespace VapiAgents.VapiSimulator;

public enum FaultKind
{
    /// <summary>Answer with <see cref="FaultRule.Status"/> and a Vapi-shaped error body.</summary>
    Status,

    /// <summary>Wait <see cref="FaultRule.DelayMs"/>, then answer normally (to outlast a client timeout).</summary>
    Delay,

    /// <summary>Send the first half of the real body, then end the response: the JSON is cut short.</summary>
    Truncate,

    /// <summary>Abort the connection without answering.</summary>
    Reset,
}

/// <summary>
/// A planned failure of Vapi routes. Requests whose path starts with <see cref="Path"/> are
/// counted from the moment the rule is installed; the rule fires on matching requests number
/// <see cref="Nth"/> to <see cref="Nth"/> + <see cref="Times"/> − 1 (1-based). "Fails once,
/// then works" is Times = 1. When several rules fire on one request, the first installed wins.
/// </summary>
public sealed record FaultRule
{
    public string Path { get; init; } = "/";
    public int Nth { get; init; } = 1;
    public int Times { get; init; } = 1;
    public FaultKind Kind { get; init; }

    /// <summary>For <see cref="FaultKind.Status"/>; default 500.</summary>
    public int? Status { get; init; }

    /// <summary>For <see cref="FaultKind.Status"/>: sends <c>Retry-After</c> with this many seconds.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>For <see cref="FaultKind.Delay"/>.</summary>
    public int? DelayMs { get; init; }

    internal void Validate()
    {
        Check(Path.StartsWith('/'), "A fault path must start with '/'.");
        Check(Nth >= 1, "nth must be at least 1.");
        Check(Times >= 1, "times must be at least 1.");
        Check(Status is null or (>= 100 and <= 599), "status must be an HTTP status code.");
        Check(RetryAfterSeconds is null or >= 0, "retryAfterSeconds must not be negative.");
        Check(Kind != FaultKind.Delay || DelayMs is > 0, "A delay fault needs delayMs > 0.");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
