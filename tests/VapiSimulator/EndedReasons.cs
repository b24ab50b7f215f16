namespace VapiAgents.VapiSimulator;

/// <summary>Vapi's endedReason values: the full known list plus the ones real traffic is made of.</summary>
public static class EndedReasons
{
    /// <summary>The 627 values of Vapi's 2026-08 OpenAPI spec, in spec order (embedded resource).</summary>
    public static IReadOnlyList<string> Known { get; } = LoadKnown();

    /// <summary>How answered calls usually end; the weights are a plausible mix, not measured.</summary>
    internal static IReadOnlyList<(string Item, int Weight)> Answered { get; } =
    [
        ("customer-ended-call", 450),
        ("assistant-ended-call", 90),
        ("assistant-said-end-call-phrase", 100),
        ("assistant-ended-call-after-message-spoken", 40),
        ("assistant-ended-call-with-hangup-task", 20),
        ("assistant-forwarded-call", 60),
        ("silence-timed-out", 80),
        ("exceeded-max-duration", 20),
        ("voicemail", 60),
        ("phone-call-provider-closed-websocket", 10),
        ("manually-canceled", 10),
        ("worker-shutdown", 5),
        ("call.in-progress.error-vapifault-openai-429-rate-limit-reached", 5),
    ];

    /// <summary>How calls end that never connected (no startedAt).</summary>
    internal static IReadOnlyList<(string Item, int Weight)> Unanswered { get; } =
    [
        ("customer-did-not-answer", 50),
        ("customer-busy", 25),
        ("twilio-failed-to-connect-call", 10),
        ("call.ringing.sip-inbound-caller-hungup-before-call-connect", 5),
        ("vonage-rejected", 5),
        ("manually-canceled", 5),
    ];

    /// <summary>Web calls that never connected fail on the browser side instead.</summary>
    internal static IReadOnlyList<(string Item, int Weight)> UnansweredWeb { get; } =
    [
        ("customer-did-not-give-microphone-permission", 70),
        ("manually-canceled", 30),
    ];

    /// <summary>Values NOT in the known list: Vapi adds reasons often and the product must keep them.</summary>
    public static IReadOnlyList<string> Future { get; } =
    [
        "call.in-progress.error-future-reason-xyz",
        "pipeline-error-future-provider-timeout",
        "call.start.error-future-quota-check",
    ];

    /// <summary>Vapi usually does not charge for calls that end through its own fault.</summary>
    internal static bool IsVapiFault(string reason) => reason.Contains("vapifault", StringComparison.Ordinal);

    private static string[] LoadKnown()
    {
        using var stream = typeof(EndedReasons).Assembly.GetManifestResourceStream("VapiAgents.VapiSimulator.ended-reasons.txt")
            ?? throw new InvalidOperationException("The ended-reasons resource is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
