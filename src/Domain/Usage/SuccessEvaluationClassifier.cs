using System.Globalization;

namespace VapiAgents.Domain.Usage;

/// <summary>
/// Vapi's <c>analysis.successEvaluation</c> is a string in the spec, but arrives as a boolean or a number
/// too, depending on the assistant's rubric. One rule turns every form into passed / failed / unknown:
/// <list type="bullet">
/// <item>booleans: true passes, false fails;</item>
/// <item>words (case-insensitive): true, pass, passed, success, successful and yes pass;
///   false, fail, failed, failure, unsuccessful and no fail;</item>
/// <item>scores become a ratio r — a number n is r = n when 0 ≤ n ≤ 1 and n/10 when 1 &lt; n ≤ 10;
///   "a/b" is a/b; "p%" is p/100 — and r ≥ 0.5 passes, r &lt; 0.5 fails, anything out of range is unknown;</item>
/// <item>anything else (missing, null, other words, objects) is unknown.</item>
/// </list>
/// </summary>
public static class SuccessEvaluationClassifier
{
    private static readonly HashSet<string> PassWords = new(StringComparer.OrdinalIgnoreCase) { "true", "pass", "passed", "success", "successful", "yes" };
    private static readonly HashSet<string> FailWords = new(StringComparer.OrdinalIgnoreCase) { "false", "fail", "failed", "failure", "unsuccessful", "no" };

    public static SuccessOutcome FromBoolean(bool value) => value ? SuccessOutcome.Passed : SuccessOutcome.Failed;

    public static SuccessOutcome FromNumber(decimal value) => FromRatio(ScoreToRatio(value));

    public static SuccessOutcome FromText(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return SuccessOutcome.Unknown;
        }

        if (PassWords.Contains(value))
        {
            return SuccessOutcome.Passed;
        }

        if (FailWords.Contains(value))
        {
            return SuccessOutcome.Failed;
        }

        if (value.EndsWith('%') && TryNumber(value[..^1], out var percent))
        {
            return FromRatio(percent / 100m);
        }

        var slash = value.IndexOf('/');
        if (slash > 0 && TryNumber(value[..slash], out var numerator) && TryNumber(value[(slash + 1)..], out var denominator))
        {
            return denominator > 0 ? FromRatio(numerator / denominator) : SuccessOutcome.Unknown;
        }

        return TryNumber(value, out var number) ? FromNumber(number) : SuccessOutcome.Unknown;
    }

    private static decimal? ScoreToRatio(decimal score) => score switch
    {
        >= 0 and <= 1 => score,
        > 1 and <= 10 => score / 10m,
        _ => null,
    };

    private static SuccessOutcome FromRatio(decimal? ratio) => ratio switch
    {
        null => SuccessOutcome.Unknown,
        >= 0.5m and <= 1m => SuccessOutcome.Passed,
        >= 0m and < 0.5m => SuccessOutcome.Failed,
        _ => SuccessOutcome.Unknown,
    };

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
