using System.Linq.Expressions;
using VapiAgents.Application.Metrics;

namespace VapiAgents.Infrastructure.Usage.Schema;

/// <summary>
/// Pre-added usage of one agent set over one UTC hour or day, kept in step with the call rows by the sync
/// (same transaction). Money is in units of 1e-10 USD (<see cref="Domain.Usage.Money"/>) so sums stay exact
/// integers. Call rows remain the source of truth; the rollups can be rebuilt from them. It has a column per
/// <see cref="UsageMeasure"/>, named <see cref="UsageMeasure.RollupColumn"/> (held so by a test), which its sums are read
/// from and added to by measure, never one by one.
/// </summary>
public sealed class UsageRollup
{
    public long AgentSetId { get; set; }
    public RollupGranularity Granularity { get; set; }
    public long BucketStartMs { get; set; }
    public string UserId { get; set; } = "";
    public long Calls { get; set; }
    public long DurationMs { get; set; }
    public long CostUnits { get; set; }
    public long TransportUnits { get; set; }
    public long SttUnits { get; set; }
    public long LlmUnits { get; set; }
    public long TtsUnits { get; set; }
    public long VapiUnits { get; set; }
    public long AnalysisUnits { get; set; }
    public long OtherUnits { get; set; }
    public long LlmPromptTokens { get; set; }
    public long LlmCompletionTokens { get; set; }
    public long TtsCharacters { get; set; }
    public long Passed { get; set; }
    public long Failed { get; set; }
    public long UnknownSuccess { get; set; }
    public long BillableSeconds { get; set; }
    public long RevenueUnits { get; set; }

    /// <summary>Calls and cost per ended reason, type and status (<see cref="BreakdownBlob"/>).</summary>
    public byte[] Breakdown { get; set; } = [];

    /// <summary>The row's sums, one per measure.</summary>
    public UsageSums ToSums()
    {
        var sums = new UsageSums();
        foreach (var measure in UsageMeasures.All)
        {
            sums[measure] = Columns[measure.Index].Get(this);
        }

        return sums;
    }

    /// <summary>Adds sums (negative ones take calls away) to the row's columns.</summary>
    public void Add(UsageSums sums)
    {
        foreach (var measure in UsageMeasures.All)
        {
            var column = Columns[measure.Index];
            column.Set(this, column.Get(this) + sums[measure]);
        }
    }

    // The column of each measure, found by name once: a measure without its column stops the first use with a message
    // saying which column to add.
    private static readonly (Func<UsageRollup, long> Get, Action<UsageRollup, long> Set)[] Columns = [.. UsageMeasures.All.Select(ColumnOf)];

    private static (Func<UsageRollup, long> Get, Action<UsageRollup, long> Set) ColumnOf(UsageMeasure measure)
    {
        var property = typeof(UsageRollup).GetProperty(measure.RollupColumn);
        if (property?.PropertyType != typeof(long) || property.SetMethod is null)
        {
            throw new InvalidOperationException($"UsageRollup needs a settable long column {measure.RollupColumn} for the measure {measure.Name}.");
        }

        var row = Expression.Parameter(typeof(UsageRollup), "row");
        var value = Expression.Parameter(typeof(long), "value");
        return (Expression.Lambda<Func<UsageRollup, long>>(Expression.Property(row, property), row).Compile(),
            Expression.Lambda<Action<UsageRollup, long>>(Expression.Assign(Expression.Property(row, property), value), row, value).Compile());
    }
}
