using Cronos;
using VapiAgents.Application.Alerts;
using VapiAgents.Application.Common.Behaviours;
using VapiAgents.Application.Common.Limits;
using VapiAgents.Application.Notifications;
using VapiAgents.Application.Retention;
using VapiAgents.Application.Sync;
using VapiAgents.Infrastructure.BackgroundJobs;
using VapiAgents.Infrastructure.Identity;
using VapiAgents.Infrastructure.Security;
using VapiAgents.Infrastructure.Vapi;

namespace VapiAgents.Infrastructure.Common;

/// <summary>What makes each options section valid; every problem names its key as it is written in configuration.</summary>
public static class OptionsRules
{
    public static IEnumerable<string> Sync(SyncOptions options, string section)
    {
        if (CronProblem(options.Schedule) is { } cron)
        {
            yield return $"{section}:Schedule '{options.Schedule}' is not a cron expression: {cron}";
        }

        foreach (var problem in AtLeast(section, 1,
            ("InitialLookbackDays", options.InitialLookbackDays), ("LeaseSeconds", options.LeaseSeconds),
            ("ManualSyncsPerMinute", options.ManualSyncsPerMinute), ("PageSize", options.PageSize), ("PageAttempts", options.PageAttempts),
            ("MaxRangeDays", options.MaxRangeDays), ("PauseAfterKeyRejections", options.PauseAfterKeyRejections), ("PipelinePages", options.PipelinePages)))
        {
            yield return problem;
        }

        if (options.SafetyMarginMinutes < 0)
        {
            yield return $"{section}:SafetyMarginMinutes must not be negative; it is {options.SafetyMarginMinutes}.";
        }

        if (options.PageSize > 1000)
        {
            yield return $"{section}:PageSize must be at most 1000 (Vapi's limit); it is {options.PageSize}.";
        }

        foreach (var problem in MoreThanZero(section,
            ("SweepSeconds", options.SweepSeconds), ("QueuedLeaseSeconds", options.QueuedLeaseSeconds)))
        {
            yield return problem;
        }

        if (options.MaxRequeues < 0 || options.OverdueSlackSeconds < 0)
        {
            yield return $"{section}:MaxRequeues and {section}:OverdueSlackSeconds must not be negative.";
        }
    }

    public static IEnumerable<string> Alerts(AlertOptions options, string section)
    {
        if (CronProblem(options.Schedule) is { } cron)
        {
            yield return $"{section}:Schedule '{options.Schedule}' is not a cron expression: {cron}";
        }
    }

    public static IEnumerable<string> Hangfire(HangfireOptions options, string section)
    {
        foreach (var problem in AtLeast(section, 1, ("WorkerCount", options.WorkerCount)))
        {
            yield return problem;
        }

        foreach (var problem in MoreThanZero(section,
            ("QueuePollSeconds", options.QueuePollSeconds), ("InvisibilityTimeoutSeconds", options.InvisibilityTimeoutSeconds)))
        {
            yield return problem;
        }

        if (string.IsNullOrWhiteSpace(options.Schema))
        {
            yield return $"{section}:Schema must not be empty.";
        }
    }

    public static IEnumerable<string> Limits(LimitsOptions options, string section) =>
        AtLeast(section, 1, ("MaxAgentsPerUser", options.MaxAgentsPerUser), ("ConcurrentExportsPerUser", options.ConcurrentExportsPerUser),
            ("NewUsageKeysPerAgentPerDay", options.NewUsageKeysPerAgentPerDay))
        // Below a few KB no agent could be created or report received: a typo, not a choice.
        .Concat(options.MaxRequestBodyBytes < MinRequestBodyBytes
            ? [$"{section}:MaxRequestBodyBytes must be at least {MinRequestBodyBytes}; it is {options.MaxRequestBodyBytes}."]
            : []);

    public const long MinRequestBodyBytes = 16 * 1024;

    public static IEnumerable<string> Performance(PerformanceOptions options, string section) =>
        AtLeast(section, 1, ("SlowRequestThresholdMs", options.SlowRequestThresholdMs));

    public static IEnumerable<string> Retention(RetentionOptions options, string section)
    {
        if (CronProblem(options.Schedule) is { } cron)
        {
            yield return $"{section}:Schedule '{options.Schedule}' is not a cron expression: {cron}";
        }

        foreach (var problem in AtLeast(section, 1, ("BatchSize", options.BatchSize)))
        {
            yield return problem;
        }

        // 0 keeps for ever; a negative age is a typo, not a policy.
        foreach (var problem in AtLeast(section, 0, ("InboundWebhookDeliveriesDays", options.InboundWebhookDeliveriesDays),
            ("AuditDays", options.AuditDays), ("SyncRunsDays", options.SyncRunsDays), ("NotificationDeliveriesDays", options.NotificationDeliveriesDays)))
        {
            yield return problem;
        }
    }

    public static IEnumerable<string> Notifications(NotificationOptions options, string section) =>
        AtLeast(section, 1, ("MaxAttempts", options.MaxAttempts)).Concat(MoreThanZero(section,
            ("RetryBaseSeconds", options.RetryBaseSeconds), ("SweepSeconds", options.SweepSeconds), ("ClaimSeconds", options.ClaimSeconds)));

    public static IEnumerable<string> SecurityStamp(SecurityStampOptions options, string section) =>
        MoreThanZero(section, ("SecurityStampValidationSeconds", options.SecurityStampValidationSeconds));

    public static IEnumerable<string> Vapi(VapiOptions options, string section)
    {
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            yield return $"{section}:BaseUrl '{options.BaseUrl}' must be an absolute http or https URL.";
        }

        if (!(options.AttemptTimeoutSeconds > 0))
        {
            yield return $"{section}:AttemptTimeoutSeconds must be more than 0; it is {options.AttemptTimeoutSeconds}.";
        }

        if (options.MaxRetries < 0 || options.RetryBaseDelaySeconds < 0 || options.MaxRetryDelaySeconds < 0)
        {
            yield return $"{section}:MaxRetries, {section}:RetryBaseDelaySeconds and {section}:MaxRetryDelaySeconds must not be negative.";
        }
    }

    /// <summary>The sentences never include a key's value, only its id.</summary>
    public static IEnumerable<string> Encryption(EncryptionOptions options, string section)
    {
        if (options.Keys.Count == 0)
        {
            yield return "No encryption key is configured. Set Encryption__Keys__<id> to a base64 32-byte key and " +
                         "Encryption__ActiveKeyId to its id (e.g. openssl rand -base64 32).";
            yield break;
        }

        foreach (var (id, value) in options.Keys)
        {
            if (id.Length > EncryptionKeyRing.MaxKeyIdLength)
            {
                yield return $"Encryption key id '{id[..EncryptionKeyRing.MaxKeyIdLength]}…' is longer than {EncryptionKeyRing.MaxKeyIdLength} characters.";
            }

            var buffer = new byte[((value?.Length ?? 0) * 3 / 4) + 3];
            if (!Convert.TryFromBase64String(value ?? "", buffer, out var length))
            {
                yield return $"Encryption key '{id}' is not valid base64.";
            }
            else if (length != EncryptionKeyRing.KeySizeBytes)
            {
                yield return $"Encryption key '{id}' must be {EncryptionKeyRing.KeySizeBytes} bytes; it is {length}.";
            }
        }

        if (string.IsNullOrWhiteSpace(options.ActiveKeyId))
        {
            if (options.Keys.Count != 1)
            {
                yield return $"{section}:ActiveKeyId must name one of the configured {section}:Keys.";
            }
        }
        else if (!options.Keys.ContainsKey(options.ActiveKeyId))
        {
            yield return $"{section}:ActiveKeyId '{options.ActiveKeyId}' names no key under {section}:Keys.";
        }
    }

    /// <summary>Null when Hangfire's schedule parses: five fields, or six with seconds.</summary>
    private static string? CronProblem(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return "it is empty";
        }

        try
        {
            var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return null;
        }
        catch (CronFormatException e)
        {
            return e.Message;
        }
    }

    // NaN fails too: "more than zero" is asked as a positive question.
    private static IEnumerable<string> MoreThanZero(string section, params (string Key, double Value)[] values) =>
        values.Where(v => !(v.Value > 0)).Select(v => $"{section}:{v.Key} must be more than 0; it is {v.Value}.");

    /// <summary>Each value below the minimum, as a problem naming its key.</summary>
    public static IEnumerable<string> AtLeast(string section, int minimum, params (string Key, int Value)[] values) =>
        values.Where(v => v.Value < minimum).Select(v => $"{section}:{v.Key} must be at least {minimum}; it is {v.Value}.");
}
