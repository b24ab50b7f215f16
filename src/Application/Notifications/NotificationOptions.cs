namespace VapiAgents.Application.Notifications;

/// <summary>Configuration section <c>Notifications</c> (the SMTP settings are read by the e-mail sender).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The first retry waits this long (fractional allowed); each next one twice as long, with jitter.</summary>
    public double RetryBaseSeconds { get; set; } = 30;

    /// <summary>Attempts per delivery before it fails.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Lets channels point at loopback and private networks (on-premises receivers, tests). Off by default: SSRF.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How often every instance looks for pending deliveries whose job was lost.</summary>
    public double SweepSeconds { get; set; } = 30;

    /// <summary>How long a job holds a delivery for one attempt (longer than the 10 s send timeout).</summary>
    public double ClaimSeconds { get; set; } = 60;

    public TimeSpan RetryDelay(int attemptsSoFar, double jitter)
    {
        // 2^(n-1) × base, n = the attempt that failed; jitter in [0, 1) adds up to a quarter more, so channels that
        // failed together do not all retry in the same second.
        var exponent = Math.Min(Math.Max(attemptsSoFar - 1, 0), 20);
        var seconds = Math.Max(0, RetryBaseSeconds) * Math.Pow(2, exponent) * (1 + (0.25 * jitter));
        return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(1).TotalSeconds));
    }
}
