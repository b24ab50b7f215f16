using System.Globalization;
using VapiAgents.VapiSimulator.Data;

namespace VapiAgents.VapiSimulator.Api;

/// <summary>
/// The query of Vapi's list routes, validated the way Vapi's NestJS ValidationPipe does:
/// every problem becomes one message and any message makes the request a 400.
/// </summary>
internal sealed class ListQuery
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    private readonly IQueryCollection _query;
    private readonly List<string> _errors = [];

    private ListQuery(IQueryCollection query)
    {
        _query = query;
        Limit = ReadLimit();
        Filter = new CallFilter
        {
            CreatedFrom = Lower("createdAtGt", "createdAtGe"),
            CreatedTo = Upper("createdAtLt", "createdAtLe"),
            UpdatedFrom = Lower("updatedAtGt", "updatedAtGe"),
            UpdatedTo = Upper("updatedAtLt", "updatedAtLe"),
            Id = Text("id"),
            AssistantId = Text("assistantId"),
            PhoneNumberId = Text("phoneNumberId"),
        };
    }

    public int Limit { get; }

    public CallFilter Filter { get; }

    public IReadOnlyList<string> Errors => _errors;

    public static ListQuery Parse(IQueryCollection query) => new(query);

    /// <summary>Number 0–1000. A fraction is cut to a whole number; 0 asks for nothing.</summary>
    private int ReadLimit()
    {
        if (Text("limit") is not { } text)
        {
            return DefaultLimit;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var limit) || !double.IsFinite(limit))
        {
            _errors.Add($"limit must not be greater than {MaxLimit}");
            _errors.Add("limit must not be less than 0");
            _errors.Add("limit must be a number conforming to the specified constraints");
            return 0;
        }

        if (limit > MaxLimit)
        {
            _errors.Add($"limit must not be greater than {MaxLimit}");
        }

        if (limit < 0)
        {
            _errors.Add("limit must not be less than 0");
        }

        return (int)Math.Clamp(Math.Floor(limit), 0, MaxLimit);
    }

    /// <summary>The inclusive lower bound from a "greater than" and a "greater or equal" filter.</summary>
    private long Lower(string greaterThan, string greaterOrEqual)
    {
        var bound = long.MinValue;
        if (Instant(greaterThan) is { } after)
        {
            bound = Math.Max(bound, after + 1);
        }

        if (Instant(greaterOrEqual) is { } atOrAfter)
        {
            bound = Math.Max(bound, atOrAfter);
        }

        return bound;
    }

    /// <summary>The inclusive upper bound from a "less than" and a "less or equal" filter.</summary>
    private long Upper(string lessThan, string lessOrEqual)
    {
        var bound = long.MaxValue;
        if (Instant(lessThan) is { } before)
        {
            bound = Math.Min(bound, before - 1);
        }

        if (Instant(lessOrEqual) is { } atOrBefore)
        {
            bound = Math.Min(bound, atOrBefore);
        }

        return bound;
    }

    private long? Instant(string name)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (IsoTime.TryParse(text, out var instant))
        {
            return instant;
        }

        _errors.Add($"{name} must be a valid ISO 8601 date string");
        return null;
    }

    private string? Text(string name) => _query.TryGetValue(name, out var values) ? values.ToString() : null;
}
