using System.Globalization;
using System.Text.Json;

namespace VapiAgents.VapiSimulator.Truth;

/// <summary>How one call's <c>analysis.successEvaluation</c> counts in the ground truth.</summary>
public enum SuccessOutcome
{
    Unknown,
    Passed,
    Failed,
}

/// <summary>
/// The one place that turns Vapi's loosely typed <c>analysis.successEvaluation</c> into
/// passed / failed / unknown. Vapi declares it a string but sends booleans and numbers too,
/// and the rubric decides the text ("true", "Pass", "8/10", "85%"...). The rule:
/// <list type="number">
/// <item>JSON <c>true</c> → passed, JSON <c>false</c> → failed.</item>
/// <item>A string, trimmed and case-insensitive: true, pass, passed, success, successful, yes → passed;
/// false, fail, failed, failure, unsuccessful, no → failed.</item>
/// <item>A score becomes a ratio r: a JSON number or numeric string n gives r = n when 0 ≤ n ≤ 1
/// and r = n / 10 when 1 &lt; n ≤ 10; a string "a/b" (b &gt; 0) gives r = a / b; a string "p%" gives
/// r = p / 100. Then r in [0.5, 1] → passed, r in [0, 0.5) → failed, anything else → unknown.</item>
/// <item>Everything else (missing, null, other words, objects, arrays) → unknown.</item>
/// </list>
/// </summary>
public static class SuccessEvaluation
{
    private static readonly HashSet<string> PassWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "pass", "passed", "success", "successful", "yes",
    };

    private static readonly HashSet<string> FailWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "false", "fail", "failed", "failure", "unsuccessful", "no",
    };

    /// <param name="value">The successEvaluation value, or null when the field is missing.</param>
    public static SuccessOutcome Classify(JsonElement? value)
    {
        if (value is not { } element)
        {
            return SuccessOutcome.Unknown;
        }

        return element.ValueKind switch
        {
            JsonValueKind.True => SuccessOutcome.Passed,
            JsonValueKind.False => SuccessOutcome.Failed,
            JsonValueKind.Number when element.TryGetDecimal(out var number) => FromRatio(ScoreToRatio(number)),
            JsonValueKind.String => ClassifyText(element.GetString()!.Trim()),
            _ => SuccessOutcome.Unknown,
        };
    }

    private static SuccessOutcome ClassifyText(string text)
    {
        if (PassWords.Contains(text))
        {
            return SuccessOutcome.Passed;
        }

        if (FailWords.Contains(text))
        {
            return SuccessOutcome.Failed;
        }

        if (TryParseNumber(text, out var number))
        {
            return FromRatio(ScoreToRatio(number));
        }

        if (text.EndsWith('%') && TryParseNumber(text[..^1], out var percent))
        {
            return FromRatio(percent / 100m);
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && TryParseNumber(text[..slash], out var numerator)
            && TryParseNumber(text[(slash + 1)..], out var denominator)
            && denominator > 0)
        {
            return FromRatio(numerator / denominator);
        }

        return SuccessOutcome.Unknown;
    }

    /// <summary>A bare number is a ratio when it is at most 1, otherwise a score out of 10.</summary>
    private static decimal? ScoreToRatio(decimal number) => number switch
    {
        >= 0 and <= 1 => number,
        > 1 and <= 10 => number / 10m,
        _ => null,
    };

    private static SuccessOutcome FromRatio(decimal? ratio) => ratio switch
    {
        >= 0.5m and <= 1m => SuccessOutcome.Passed,
        >= 0m and < 0.5m => SuccessOutcome.Failed,
        _ => SuccessOutcome.Unknown,
    };

    private static bool TryParseNumber(string text, out decimal number) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
}
