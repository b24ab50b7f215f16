namespace VapiAgents.Infrastructure.Vapi;

/// <summary>Configuration section <c>Vapi</c>.</summary>
public sealed class VapiOptions
{
    public const string Section = "Vapi";

    public string BaseUrl { get; set; } = "https://api.vapi.ai";

    /// <summary>One attempt's limit, headers and body included.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 30;

    /// <summary>Retries after the first attempt, on 408, 429, 5xx, timeouts and connection failures (never 400/401/403).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; doubles each retry, with jitter.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>Cap on a delay Vapi asks for in <c>Retry-After</c>, and on the backoff.</summary>
    public double MaxRetryDelaySeconds { get; set; } = 30;
}
