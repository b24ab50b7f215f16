namespace VapiAgents.Application.Common.Vapi;

/// <summary>A half-open window [From, To) on one of a call's times, at Vapi's millisecond precision.</summary>
public sealed record TimeWindow(CallTimeField Field, DateTime From, DateTime To)
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    public TimeSpan Length => To - From;

    /// <summary>A window one millisecond wide cannot be split further on its own field.</summary>
    public bool IsInstant => Length <= Tick;

    public (TimeWindow Upper, TimeWindow Lower) Halve() =>
        SplitAt(From + TimeSpan.FromMilliseconds(Math.Floor(Length.TotalMilliseconds / 2)));

    /// <summary>[point, To) and [From, point); the point must lie strictly inside the window.</summary>
    public (TimeWindow Upper, TimeWindow Lower) SplitAt(DateTime point) =>
        point > From && point < To ? (this with { From = point }, this with { To = point }) : throw new ArgumentOutOfRangeException(nameof(point));

    public override string ToString() => $"{Field} [{From:O}, {To:O})";
}
