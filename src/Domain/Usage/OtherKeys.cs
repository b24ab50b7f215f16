namespace VapiAgents.Domain.Usage;

/// <summary>
/// The breakdown values of a call that were refused a key when it was stored (its agent had spent the day's
/// quota of new keys) and so count as "other". Kept on the call row, so that a later admission of the same value
/// does not make a rebuild of the rollups disagree with the rollups written at the time (ADR 030).
/// </summary>
[Flags]
public enum OtherKeys : byte
{
    None = 0,
    EndedReason = 1,
    Type = 2,
    Status = 4,
}
