using System.Collections.Frozen;
using VapiAgents.Infrastructure.Usage.Schema;

namespace VapiAgents.Infrastructure.Usage;

/// <summary>
/// The breakdown values Vapi's API defines (its OpenAPI spec of 2026-08: 627 ended reasons, 4 call types, 8 statuses).
/// They are admitted as keys without counting against the daily cap on new keys: an agent's first sync of a long
/// history may rightly bring more than the cap of them, and there are only so many (ADR 030).
/// </summary>
public static class VapiKnownValues
{
    private static readonly FrozenSet<string> EndedReasons = LoadEndedReasons();

    private static readonly FrozenSet<string> Types = new[] { "inboundPhoneCall", "outboundPhoneCall", "webCall", "vapi.websocketCall" }
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Statuses =
        new[] { "scheduled", "queued", "ringing", "in-progress", "forwarding", "ended", "not-found", "deletion-failed" }.ToFrozenSet(StringComparer.Ordinal);

    public static int EndedReasonCount => EndedReasons.Count;

    public static bool IsKnown(BreakdownDimension dimension, string value) => dimension switch
    {
        BreakdownDimension.EndedReason => EndedReasons.Contains(value),
        BreakdownDimension.Type => Types.Contains(value),
        BreakdownDimension.Status => Statuses.Contains(value),
        _ => false,
    };

    private static FrozenSet<string> LoadEndedReasons()
    {
        using var stream = typeof(VapiKnownValues).Assembly.GetManifestResourceStream("VapiAgents.Infrastructure.vapi-ended-reasons.txt")
            ?? throw new InvalidOperationException("The embedded list of Vapi's ended reasons is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToFrozenSet(StringComparer.Ordinal);
    }
}
